/* deliver.c - the slow path of an implicit point, and delivery to the root.
 *
 * __cp_poll_slow runs when the inlined poll saw a nonzero poll word.  It
 * first disarms (no reset may land in the runtime while it delivers), then
 * either finds that nothing applies (rearms, returns) or delivers.  With no
 * scope of the program's own the root scope takes it: the first thread
 * writes the report line (report.c) and calls exit(130), so atexit handlers
 * run and stdio is flushed; threads arriving after it park for good.
 */
#include "internal.h"
#include <stdlib.h>
#include <unistd.h>

static _Atomic int cp_root_taken;

/* Scopes hook in here: a non-local exit to the catching scope's frame;
 * returning lets the root take it. */
static void cp_deliver_scope(uint32_t req, const struct cp_site *site)
{
  (void)req;
  (void)site;
}

_Noreturn void __cp_deliver_root(uint32_t req, const struct cp_site *site, void *caller)
{
  int expected = 0;
  if (!atomic_compare_exchange_strong(&cp_root_taken, &expected, 1))
    for (;;)
      pause(); /* another thread is running exit() */
  /* This thread now runs the exit path (atexit handlers may be
   * instrumented): requests no longer apply to it. */
  __cp_tls.cp_tls_flags |= CP_TF_EXITING;
  __cp_tls.poll = 0;
  char buf[512];
  size_t n = __cp_report_line(buf, sizeof buf, req, site, caller);
  __cp_write_all(2, buf, n);
  exit(130);
}

int __cp_applies(int graceful)
{
  uint32_t p = __cp_tls.poll;
  uint32_t mask = graceful ? (CP_REQ_HARD | CP_REQ_GRACEFUL) : CP_REQ_HARD;
  return (p & mask) && !__cp_tls.shield && !(__cp_tls.cp_tls_flags & CP_TF_EXITING);
}

_Noreturn void __cp_deliver(const struct cp_site *site, void *caller)
{
  uint32_t p = __cp_tls.poll;
  __cp_tls.armed = NULL;
  if (__cp_tls.scope)
    cp_deliver_scope(p, site);
  __cp_deliver_root(p, site, caller);
}

CP_EXPORT __attribute__((noinline)) void __cp_poll_slow(const struct cp_site *site)
{
  struct cp_reset_ctx *armed = __cp_tls.armed;
  __cp_tls.armed = NULL;
  if (!__cp_applies(0)) {
    __cp_tls.armed = armed;
    return;
  }
  __cp_deliver(site, __builtin_return_address(0));
}
