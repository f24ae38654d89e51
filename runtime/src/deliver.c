/* deliver.c - the slow path of an implicit point, and delivery to the root.
 *
 * __cp_poll_slow runs when the inlined poll saw a nonzero poll word.  It
 * first disarms (no reset may land in the runtime while it delivers), then
 * either finds that nothing applies (rearms, returns) or delivers: to the
 * scope that catches the request (scope_run.c: a non-local exit to its
 * frame), or with no scope of the program's own to the root: the first
 * thread writes the report line (report.c) and calls exit(130), so atexit
 * handlers run and stdio is flushed; threads arriving after it park for good
 * (__cp_root_claim, shared with foreign_wait.c's exit).
 * __cp_applies lives in scope.c: the one evaluation of scopes, shields,
 * deadlines and graceful requests.
 */
#include "internal.h"
#include <stdlib.h>
#include <unistd.h>

static _Atomic int cp_root_taken;

void __cp_deliver_scope(void);

void __cp_root_claim(void)
{
  int expected = 0;
  if (!atomic_compare_exchange_strong(&cp_root_taken, &expected, 1))
    for (;;)
      pause(); /* another thread is running exit() */
  /* This thread now runs the exit path (atexit handlers may be
   * instrumented): requests no longer apply to it. */
  __cp_tls.cp_tls_flags |= CP_TF_EXITING;
  __cp_tls.poll = 0;
  __cp_sigint_landed();
}

_Noreturn void __cp_deliver_root(uint32_t req, const struct cp_site *site, void *caller)
{
  __cp_root_claim();
  char buf[512];
  size_t n = __cp_report_line(buf, sizeof buf, req, site, caller);
  __cp_write_all(2, buf, n);
  exit(130);
}

_Noreturn void __cp_deliver(const struct cp_site *site, void *caller)
{
  __cp_tls.armed = NULL;
  __cp_deliver_scope(); /* returns only if the root takes it */
  uint32_t p = __cp_tls.poll;
  if (!(p & CP_REQ_HARD))
    p = atomic_load(&__cp_req_process) | CP_REQ_HARD;
  __cp_deliver_root(p, site, caller);
}

void __cp_poll_from(const struct cp_site *site, void *caller)
{
  struct cp_reset_ctx *armed = __cp_tls.armed;
  __cp_tls.armed = NULL;
  __cp_held_at_point();
  if (!__cp_applies(0)) {
    __cp_tls.armed = armed;
    return;
  }
  __cp_deliver(site, caller);
}

CP_EXPORT __attribute__((noinline)) void __cp_poll_slow(const struct cp_site *site)
{
  __cp_poll_from(site, __builtin_return_address(0));
}
