/* reset.c - the reset signal's handler.
 *
 * A reset signal of ours (sent by tgkill from this process: SI_TKILL with
 * our pid) copies the process's pending request into the thread's poll word
 * and, if the thread is in an armed reset region, moves it back to the
 * region's point: for a pending request that is not shielded, or in chaos
 * mode for at most 3 resets per arming.  Any other signal of that number is
 * not ours and goes to the handler installed before us, if any.  A thread
 * that is in neither the syscall window nor a region, but waits in a system
 * call outside instrumented code, may be moved to the root's exit
 * (foreign_wait.c).
 * Async-signal-safe: atomics, TLS and getpid/gettid only.
 */
#include "hold.h"
#include "internal.h"
#include "scope.h"
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

int __cp_reset_signal = SIGURG;
static struct sigaction cp_prev;

#define CP_CHAOS_MAX_RESETS 3

/* Decide, and rewind.  applies: a request applies to the thread (the
 * handler's verdict).  Returns 1 if the context was moved to the point. */
int __cp_reset_uc(void *uc, int applies)
{
  struct cp_reset_ctx *ctx = __cp_tls.armed;
  if (!ctx)
    return 0;
  /* A handler running on the alternate stack was interrupted: never
   * abandon it. */
  if (__cp_uc_on_altstack(uc))
    return 0;
  /* The point is up the stack from where the thread is; anything else is a
   * context its function left armed by mistake. */
  if (__cp_uc_sp(uc) > ctx->regs[CP_RESET_SP])
    return 0;
  if (!applies) {
    if (!__cp_chaos_on || ctx->chaos_resets >= CP_CHAOS_MAX_RESETS)
      return 0;
  }
  /* Another handler, on this stack, interrupted the region: rewinding
   * would abandon it (and leave its signal blocked).  Let it finish. */
  if (__cp_uc_in_handler(uc, ctx->regs[CP_RESET_SP]))
    return 0;
  if (!__cp_rewind_uc(uc, ctx))
    return 0;
  if (!applies)
    ctx->chaos_resets++;
  return 1;
}

/* The program's handler runs with requests held (hold.c), as every
 * handler the program installs from instrumented code does. */
static void cp_chain(int sig, siginfo_t *si, void *uc)
{
  struct sigaction p = cp_prev;
  if (!(p.sa_flags & SA_SIGINFO) && (p.sa_handler == SIG_DFL || p.sa_handler == SIG_IGN))
    return;
  if ((p.sa_flags & SA_SIGINFO) && !p.sa_sigaction)
    return;
  /* The mask the kernel would have set for it (ours blocks all). */
  sigset_t m = ((ucontext_t *)uc)->uc_sigmask;
  for (int s = 1; s < NSIG; s++)
    if (sigismember(&p.sa_mask, s))
      sigaddset(&m, s);
  if (!(p.sa_flags & SA_NODEFER))
    sigaddset(&m, sig);
  pthread_sigmask(SIG_SETMASK, &m, NULL);
  struct cp_held_saved saved;
  cp_hold();
  __cp_held_save(&saved);
  if (p.sa_flags & SA_SIGINFO)
    p.sa_sigaction(sig, si, uc);
  else
    p.sa_handler(sig);
  __cp_held_unsave(&saved);
  __cp_hold_leave_handler();
}

/* sigaction on the reset signal from instrumented code (signal_hold.c):
 * the program's handler becomes the one strays are chained to; the
 * runtime's stays installed.  The old action is the program's. */
int __cp_reset_chain(const struct sigaction *act, struct sigaction *old)
{
  struct sigaction prev = cp_prev;
  if (act)
    cp_prev = *act;
  if (old)
    *old = prev;
  return 0;
}

static void cp_on_reset(int sig, siginfo_t *si, void *uc);
static struct sigaction cp_ours; /* the runtime's action, once installed */

static int cp_is_ours(const struct sigaction *a)
{
  return (a->sa_flags & SA_SIGINFO) && a->sa_sigaction == cp_on_reset;
}

/* Code the pass did not see (a library, a file built without the plugin)
 * replaced the runtime's handler of the reset signal (instrumented code's
 * sigaction goes to __cp_reset_chain instead): take the signal back, the
 * program's handler becoming the one strays are chained to.  Called before
 * the runtime sends its signals; async-signal-safe. */
void __cp_reset_reclaim(void)
{
  static atomic_flag busy = ATOMIC_FLAG_INIT;
  struct sigaction cur;
  if (!cp_ours.sa_sigaction || sigaction(__cp_reset_signal, NULL, &cur) != 0 || cp_is_ours(&cur))
    return;
  if (atomic_flag_test_and_set(&busy))
    return; /* another thread is taking it back */
  if (sigaction(__cp_reset_signal, &cp_ours, &cur) == 0 && !cp_is_ours(&cur))
    cp_prev = cur;
  atomic_flag_clear(&busy);
}

static void cp_on_reset(int sig, siginfo_t *si, void *uc)
{
  int e = errno;
  if (__cp_notice_is_timer(si)) {
    __cp_notice_on_timer(uc); /* the ^C notice's clock */
    errno = e;
    return;
  }
  if (si->si_code != SI_TKILL || si->si_pid != __cp_getpid()) {
    cp_chain(sig, si, uc);
    errno = e;
    return;
  }
  cp_count(signals);
  struct cp_slot *s = __cp_registry_self();
  if (s)
    atomic_store(&s->signal_in_flight, 0); /* before judging */
  __cp_notice_answer(uc);
  /* Judge once (the poll word follows); then the mechanisms that act on
   * the verdict, the first that takes the thread. */
  struct cp_verdict v;
  __cp_update_poll(&v);
  int applies = cp_verdict_applies(&v, 0);
  if (applies)
    __cp_on_cancel_reached();               /* the thread's cancel handler is due */
  if (__cp_blocking_on_signal(uc, applies)) /* the window first */
    ;
  else if (__cp_reset_uc(uc, applies))
    cp_count(resets);
  else if (__cp_on_cancel_interrupt(uc)) /* cp_interrupt_wait's EINTR */
    ;
  else
    __cp_foreign_wait_on_signal(uc, applies); /* a wait outside instrumented code */
  __cp_blocking_before_return(uc);            /* a foreign signal that came meanwhile */
  errno = e;
}

int __cp_reset_install(void)
{
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = cp_on_reset;
  sa.sa_flags = SA_SIGINFO | SA_RESTART | SA_ONSTACK;
  /* Every other signal waits until the handler returns: one that came
   * while it ran is then still pending for __cp_blocking_before_return.
   * The faults an instruction raises are not held back. */
  sigfillset(&sa.sa_mask);
  static const int faults[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGSYS};
  for (unsigned i = 0; i < sizeof faults / sizeof faults[0]; i++)
    sigdelset(&sa.sa_mask, faults[i]);
  if (sigaction(__cp_reset_signal, &sa, &cp_prev) != 0)
    return -1;
  cp_ours = sa;
  /* libc's restorer, as the kernel pushes it in every signal frame. */
  struct sigaction cur;
  memset(&cur, 0, sizeof cur);
  if (sigaction(__cp_reset_signal, NULL, &cur) == 0)
    __cp_restorer = (uintptr_t)cur.sa_restorer;
  return 0;
}
