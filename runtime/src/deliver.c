/* deliver.c - the slow path of an implicit point, and delivery.
 *
 * __cp_poll_slow runs when the inlined poll saw a nonzero poll word.  It
 * disarms (no reset may land in the runtime while it delivers), judges
 * (verdict.c), and either finds that nothing applies (rearms, returns) or
 * delivers to the scope that catches the request: a scope this thread runs
 * in catches at its frame (scope_run.c: cleanups, then a non-local exit);
 * the root catches at the process's exit: the first thread writes the
 * report line (report.c) and calls exit(130), so atexit handlers run and
 * stdio is flushed; threads arriving after it park for good
 * (__cp_root_claim, shared with foreign_wait.c's exit).
 */
#include "scope.h"
#include <stdlib.h>
#include <unistd.h>

static _Atomic int cp_root_taken;

void __cp_root_claim(void)
{
  int expected = 0;
  if (!atomic_compare_exchange_strong(&cp_root_taken, &expected, 1))
    for (;;)
      pause(); /* another thread is running exit() */
  /* This thread now runs the exit path (atexit handlers may be
   * instrumented): requests no longer apply to it. */
  __cp_tls.cp_tls_flags |= CP_TF_EXITING;
  __atomic_store_n(&__cp_tls.poll, 0, __ATOMIC_RELAXED); /* a requester may nudge it */
  __cp_sigint_landed();
}

_Noreturn void __cp_deliver_root(uint32_t req, const struct cp_site *site, void *caller)
{
  __cp_root_claim();
  char buf[512];
  size_t n = __cp_report_line(buf, sizeof buf, req, site, caller);
  __cp_write_all(2, buf, n);
  exit(CP_EXIT_CANCELLED);
}

_Noreturn void __cp_deliver(const struct cp_verdict *v, const struct cp_site *site, void *caller)
{
  __cp_tls.armed = NULL;
  struct cp_scope *c = cp_verdict_catcher(v);
  if (c && !cp_is_root(c))
    __cp_unwind_to(c); /* returns only if this thread has no frame */
  uint32_t req = __atomic_load_n(&__cp_tls.poll, __ATOMIC_RELAXED);
  if (!(req & CP_REQ_HARD))
    req = atomic_load(&__cp_root.request) | CP_REQ_HARD;
  __cp_deliver_root(req, site, caller);
}

void __cp_poll_from(const struct cp_site *site, void *caller)
{
  struct cp_reset_ctx *armed = __cp_tls.armed;
  __cp_tls.armed = NULL;
  __cp_held_at_point();
  struct cp_verdict v;
  __cp_update_poll(&v);
  if (!cp_verdict_applies(&v, 0)) {
    __cp_tls.armed = armed;
    return;
  }
  __cp_deliver(&v, site, caller);
}

_Noreturn void __cp_deliver_now(const struct cp_site *site, void *caller)
{
  struct cp_verdict v;
  __cp_update_poll(&v);
  __cp_deliver(&v, site, caller);
}

CP_EXPORT __attribute__((noinline)) void __cp_poll_slow(const struct cp_site *site)
{
  __cp_poll_from(site, __builtin_return_address(0));
}

/* The slow path of a poll whose site the report looks up by the return
 * address (site_table.c): the pass's stub passes its own. */
CP_EXPORT __attribute__((noinline)) void __cp_poll_slow_at(void *return_address)
{
  __cp_poll_from(&__cp_site_by_caller, return_address);
}

/* This copy's own __cp_poll_slow, whoever else defines the name (init.c). */
extern __typeof__(__cp_poll_slow) __cp_poll_slow_here __attribute__((alias("__cp_poll_slow")));
