/* sigint.c - ^C as a cancellation request.
 *
 * Installed by the constructor unless CANCELPOINTS_SIGINT=off or SIGINT is
 * not at its default action at start (ignored, as for background jobs, or
 * handled by someone before us: respected).  Its target is the root scope
 * (the process) unless the program names one with cp_sigint_target.
 *   1st SIGINT: graceful request on the target, with the target's grace
 *               (inherited; the root's is 0, so on the root it is hard at
 *               once unless the program gave the root a grace);
 *   2nd SIGINT: hard request on the target (every thread is signalled again);
 *   3rd SIGINT: restores SIG_DFL and re-raises, so a program stuck in code
 *               that is not instrumented can always be killed.
 * The count starts again when a request made by SIGINT is delivered (a
 * scope caught it): a REPL gets three fresh ^C for each command.  If the
 * request has not landed within 1 s, the canceller thread writes a notice
 * naming where each thread is (canceller.c); so installing this handler
 * starts that thread (one, idle in poll(), all signals blocked): the notice
 * matters most in a program stuck in code that is not instrumented, where
 * no thread of the program's own can write it.
 * A program that installs its own SIGINT handler replaces this one.
 * The reset signal is blocked while this runs, so the self-directed one the
 * broadcast sends lands after it returns, on the interrupted context.
 */
#include "cancelpoints.h"
#include "scope.h"
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#define CP_SIGINT_DEFAULT_AT 3 /* the ^C that restores the default action */

_Atomic unsigned __cp_sigint_count;
static _Atomic(struct cp_scope *) cp_target; /* NULL: the root */
static _Atomic int cp_target_users;          /* handlers using cp_target */

struct cp_scope *__cp_sigint_target(void)
{
  struct cp_scope *s = atomic_load(&cp_target);
  return s ? s : &__cp_root;
}

void __cp_sigint_forget(struct cp_scope *s)
{
  atomic_compare_exchange_strong(&cp_target, &s, NULL);
  while (atomic_load(&cp_target_users))
    sched_yield();
}

static void cp_on_sigint(int sig, siginfo_t *si, void *uc)
{
  (void)si;
  (void)uc;
  int e = errno;
  unsigned n = atomic_fetch_add(&__cp_sigint_count, 1) + 1;
  if (n >= CP_SIGINT_DEFAULT_AT) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, NULL);
    __cp_tgkill(__cp_getpid(), __cp_gettid(), sig); /* blocked until we return */
  } else {
    atomic_fetch_add(&cp_target_users, 1);
    __cp_scope_request(__cp_sigint_target(), n == 1, -1, CP_CAUSE_SIGINT);
    atomic_fetch_sub(&cp_target_users, 1);
    __cp_sigint_sent();
    __cp_canceller_wake(); /* its notice is due in 1 s */
    if (n == 2 && cp_is_root(__cp_sigint_target()))
      __cp_sigint_second_on_root(); /* ends the process if nothing is reachable */
  }
  errno = e;
}

CP_EXPORT void cp_sigint_target(cp_scope *s)
{
  atomic_store(&cp_target, s);
  __cp_canceller_start();
}

void __cp_sigint_install(void)
{
  struct sigaction old, sa;
  if (sigaction(SIGINT, NULL, &old) != 0)
    return;
  if ((old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_DFL)
    return;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = cp_on_sigint;
  sa.sa_flags = SA_SIGINFO | SA_RESTART | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  sigaddset(&sa.sa_mask, __cp_reset_signal);
  sigaddset(&sa.sa_mask, SIGINT);
  if (sigaction(SIGINT, &sa, NULL) == 0)
    __cp_canceller_start(); /* the 1 s notice needs a thread that is not stuck */
}
