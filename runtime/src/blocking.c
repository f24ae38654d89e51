/* blocking.c - the core of the cancellable blocking calls: one syscall in
 * the window, and the reset handler's decision for a thread inside it.
 *
 * __cp_sys makes one syscall so that a request that applies (__cp_applies)
 * and arrives before or while it blocks makes it return CP_CANCELLED with
 * no effect, and a request that arrives after it completed does not undo
 * its result:
 *
 *   seq = our signal count;  if (applies) cancelled;     (1)
 *   __cp_syscall_cp(seq, ...):  seq changed? -> RECHECK   (2)
 *                               syscall                   (3)
 *
 * A reset signal of ours (every request reaches every thread as one) that
 * lands between (1) and (2) bumps seq and the routine returns RECHECK
 * without entering the kernel: (1) again.  One that lands in (2)..(3), or
 * while the syscall blocks and the kernel means to restart it
 * (SA_RESTART: the PC is back on the syscall instruction), is decided here
 * in the handler from the interrupted PC: if a request applies, the PC
 * moves to the cancel exit.  A syscall the kernel does not restart (poll,
 * nanosleep, or any call under a foreign handler without SA_RESTART)
 * returns -EINTR: then a request that applies cancels it, a signal of ours
 * (the handler saw the PC just past the syscall with -EINTR in rax)
 * restarts it (timed calls recompute their timeout from an
 * absolute deadline), and a foreign signal's EINTR goes to the caller as
 * libc would return it.  So EINTR from our own signal never reaches the
 * caller (Go's lesson), and no request is lost between the check and the
 * sleep (musl's window, from the PC, not from a flag set before).
 *
 * A foreign signal that comes while our handler runs waits for its return
 * (reset.c blocks every other signal there), and by then the kernel has
 * decided to restart the call, or we are about to retry it: its handler
 * would run and the call go on, where without us the signal would have
 * ended it with EINTR.  So, last in our handler, a call about to be
 * restarted or retried takes the EINTR of such a pending signal
 * (__cp_blocking_before_return).  What is left is the foreign signal that
 * lands in the few instructions from that check to the kernel's return,
 * as libc leaves the one that lands just before its syscall.
 *
 * The window and the PC test are the target's (arch/<cpu>/syscall.S,
 * syscall_uc.c); arch/generic/syscall.c does not close (2)..(3) (see there).
 */
#include "blocking.h"
#include <errno.h>
#include <signal.h>
#include <ucontext.h>

__thread struct cp_btls __cp_btls __attribute__((tls_model("initial-exec")));

int __cp_blocking_on_signal(void *uc, int applies)
{
  __cp_btls.seq++;
  if (__cp_btls.waiter && applies)
    __cp_waiter_on_signal();
  int at = __cp_sc_at(uc);
  if (at == CP_SC_BEFORE && applies) {
    __cp_sc_cancel_uc(uc);
    return 1;
  }
  if (at == CP_SC_EINTR)
    __cp_btls.eintr_ours = 1;
  return 0;
}

static int cp_caught(const struct sigaction *a)
{
  if (a->sa_flags & SA_SIGINFO)
    return a->sa_sigaction != NULL;
  return a->sa_handler != SIG_DFL && a->sa_handler != SIG_IGN;
}

/* A signal pending now, not blocked once our handler returns (the mask
 * the kernel restores), whose handler would end the call with EINTR: any
 * caught one for a call the kernel ended (restarted 0), one without
 * SA_RESTART for a call it restarts.  Not ours: the reset signal and the
 * runtime's SIGINT, which cancel the call by a request instead. */
static int cp_foreign_would_interrupt(const ucontext_t *uc, int restarted)
{
  sigset_t pending;
  if (sigpending(&pending) != 0)
    return 0;
  for (int s = 1; s < NSIG; s++) {
    if (!sigismember(&pending, s) || sigismember(&uc->uc_sigmask, s) || s == __cp_reset_signal)
      continue;
    struct sigaction a;
    if (sigaction(s, NULL, &a) != 0 || !cp_caught(&a) || __cp_sigint_is_ours(&a))
      continue;
    if (!restarted || !(a.sa_flags & SA_RESTART))
      return 1;
  }
  return 0;
}

void __cp_blocking_before_return(void *uc)
{
  int at = __cp_sc_at(uc);
  if (at == CP_SC_EINTR && __cp_btls.eintr_ours && cp_foreign_would_interrupt(uc, 0))
    __cp_btls.eintr_ours = 0; /* the EINTR goes to the caller */
  else if (at == CP_SC_BEFORE && cp_foreign_would_interrupt(uc, 1))
    __cp_uc_fail_syscall(uc, EINTR); /* on the syscall instruction only */
}

long __cp_sys(int timed, long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
  for (;;) {
    uint64_t seq = __cp_btls.seq;
    __cp_btls.eintr_ours = 0;
    atomic_signal_fence(memory_order_seq_cst);
    if (__cp_applies(0))
      return CP_CANCELLED;
    long r = __cp_syscall_cp(seq, nr, a1, a2, a3, a4, a5, a6);
    if (r == CP_SC_RECHECK)
      continue;
    if (r == CP_SC_CANCEL)
      return CP_CANCELLED;
    if (r == -EINTR) {
      if (__cp_applies(0))
        return CP_CANCELLED;
      if (__cp_btls.eintr_ours) {
        if (timed)
          return CP_AGAIN;
        continue;
      }
    }
    return r;
  }
}

long __cp_errno_ret(long r)
{
  if (r < 0 && r >= -CP_ERRNO_MAX) {
    errno = (int)-r;
    return -1;
  }
  return r;
}

long __cp_ret(long r)
{
  if (r == CP_CANCELLED) {
    __cp_note_observed(0); /* the catching scope's cp_scope_run reports it */
    r = -ECANCELED;
  }
  return __cp_errno_ret(r);
}
