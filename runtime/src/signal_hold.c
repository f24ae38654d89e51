/* signal_hold.c - the program's signal handlers run with requests held.
 *
 * A point inside a handler must not leave: the handler interrupted code
 * that may be half-done (malloc, stdio, the program's own update), and a
 * non-local exit skips sigreturn, so the signal would stay blocked.  The
 * pass redirects the CP_REDIRECT_SIGNAL calls of CP_REDIRECTS
 * (cancelpoints_abi.h) of instrumented code here.  A handler function is recorded
 * per signal and the kernel gets a trampoline (SA_SIGINFO added, the
 * program's mask and other flags kept: SA_NODEFER, SA_RESETHAND, SA_ONSTACK,
 * SA_RESTART) that holds requests around it; nested handlers nest the hold.
 * SIG_IGN and SIG_DFL pass through.  The old action reported back is the
 * program's, not the trampoline.  The reset signal's handler stays the
 * runtime's: the program's handler for it becomes the one the runtime chains
 * to (reset.c).  A request held while a handler ran lands when it returns
 * (hold.c re-raises the reset signal for the interrupted context).
 */
#include "hold.h"
#include "redirect.h"
#include <errno.h>
#include <signal.h>
#include <string.h>

/* Per signal, two records used in turn, so that a handler reading one is
 * never given a half-written one by a sigaction in normal context. */
struct cp_uh {
  void (*fn)(void);
  int siginfo;
};
static struct cp_uh cp_uh[NSIG][2];
static _Atomic int cp_uh_cur[NSIG];

int __cp_reset_chain(const struct sigaction *act, struct sigaction *old);

static void cp_trampoline(int sig, siginfo_t *si, void *uc)
{
  struct cp_uh h = cp_uh[sig][atomic_load_explicit(&cp_uh_cur[sig], memory_order_acquire)];
  struct cp_held_saved saved;
  __cp_hold_tls.holds++;
  atomic_signal_fence(memory_order_seq_cst);
  __cp_held_save(&saved);
  if (h.siginfo)
    ((void (*)(int, siginfo_t *, void *))h.fn)(sig, si, uc);
  else if (h.fn)
    ((void (*)(int))h.fn)(sig);
  __cp_held_unsave(&saved);
  __cp_hold_leave_handler();
}

static int cp_is_fn(const struct sigaction *a)
{
  if (a->sa_flags & SA_SIGINFO)
    return a->sa_sigaction != NULL;
  return a->sa_handler != SIG_DFL && a->sa_handler != SIG_IGN && a->sa_handler != SIG_ERR;
}

/* old as the program would have seen it without the trampoline. */
static void cp_unwrap(int sig, struct sigaction *old, const struct cp_uh *prev)
{
  if (old->sa_sigaction != cp_trampoline)
    return;
  if (prev->siginfo) {
    old->sa_sigaction = (void (*)(int, siginfo_t *, void *))prev->fn;
  } else {
    old->sa_flags &= ~SA_SIGINFO;
    old->sa_handler = (void (*)(int))prev->fn;
  }
  (void)sig;
}

int CP_I(sigaction)(int sig, const struct sigaction *act, struct sigaction *old)
{
  if (sig <= 0 || sig >= NSIG || sig == SIGKILL || sig == SIGSTOP)
    return sigaction(sig, act, old);
  if (sig == __cp_reset_signal)
    return __cp_reset_chain(act, old);
  int cur = atomic_load(&cp_uh_cur[sig]);
  struct cp_uh prev = cp_uh[sig][cur];
  struct sigaction k, o;
  int r;
  if (act && cp_is_fn(act)) {
    struct cp_uh *n = &cp_uh[sig][!cur];
    n->siginfo = (act->sa_flags & SA_SIGINFO) != 0;
    n->fn = n->siginfo ? (void (*)(void))act->sa_sigaction : (void (*)(void))act->sa_handler;
    atomic_store_explicit(&cp_uh_cur[sig], !cur, memory_order_release);
    k = *act;
    k.sa_sigaction = cp_trampoline;
    k.sa_flags |= SA_SIGINFO;
    r = sigaction(sig, &k, &o);
    if (r != 0)
      atomic_store(&cp_uh_cur[sig], cur);
  } else {
    r = sigaction(sig, act, &o);
  }
  if (r == 0 && old) {
    cp_unwrap(sig, &o, &prev);
    *old = o;
  }
  return r;
}

/* signal() as glibc's: BSD semantics (SA_RESTART, the signal blocked in
 * its handler); sysv_signal: SA_RESETHAND | SA_NODEFER, no SA_RESTART. */
static sighandler_t cp_signal(int sig, sighandler_t h, int flags, int self_mask)
{
  struct sigaction a, o;
  memset(&a, 0, sizeof a);
  a.sa_handler = h;
  a.sa_flags = flags;
  sigemptyset(&a.sa_mask);
  if (self_mask && sig > 0 && sig < NSIG)
    sigaddset(&a.sa_mask, sig);
  if (h == SIG_ERR || __cp_i_sigaction(sig, &a, &o) != 0) {
    errno = EINVAL;
    return SIG_ERR;
  }
  return o.sa_handler;
}

sighandler_t CP_I(signal)(int sig, sighandler_t h) { return cp_signal(sig, h, SA_RESTART, 1); }
sighandler_t CP_I(bsd_signal)(int sig, sighandler_t h) { return cp_signal(sig, h, SA_RESTART, 1); }
sighandler_t CP_I(sysv_signal)(int sig, sighandler_t h)
{
  return cp_signal(sig, h, SA_RESETHAND | SA_NODEFER, 0);
}
sighandler_t CP_I(__sysv_signal)(int sig, sighandler_t h)
{
  return cp_signal(sig, h, SA_RESETHAND | SA_NODEFER, 0);
}
