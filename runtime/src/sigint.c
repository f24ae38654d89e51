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
 * request has not landed within 1 s, a notice names where each thread is;
 * a second ^C on the root ends a process that nothing can reach at once
 * (notice.c, from a timer's signal: no thread is started for ^C).
 * A program that installs its own SIGINT handler replaces this one.
 * The reset signal is blocked while this runs, so the self-directed one the
 * broadcast sends lands after it returns, on the interrupted context.
 */
#include "cancelpoints.h"
#include "scope.h"
#include <errno.h>
#include <pthread.h>
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

/* The third ^C: the default action, by the signal again.  It is blocked
 * here until the handler returns (or, on the waiting thread, until it is
 * unblocked). */
static void cp_default_action(int sig)
{
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = SIG_DFL;
  sigaction(sig, &sa, NULL);
  __cp_tgkill(__cp_getpid(), __cp_gettid(), sig);
}

static void cp_on_sigint(int sig, siginfo_t *si, void *uc)
{
  (void)si;
  (void)uc;
  int e = errno;
  unsigned n = atomic_fetch_add(&__cp_sigint_count, 1) + 1;
  if (n >= CP_SIGINT_DEFAULT_AT) {
    cp_default_action(sig);
  } else {
    atomic_fetch_add(&cp_target_users, 1);
    __cp_scope_request(__cp_sigint_target(), n == 1, -1, CP_CAUSE_SIGINT);
    atomic_fetch_sub(&cp_target_users, 1);
    __cp_sigint_sent(); /* its notice is due in 1 s */
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

/* ---- under ThreadSanitizer ---------------------------------------------
 * TSan runs a signal handler only when the thread the signal landed on
 * enters one of its interceptors: a thread that computes never does, so a
 * handler would never see ^C.  There SIGINT is taken synchronously
 * instead: blocked in the initial thread from the constructor on (threads
 * created later inherit the mask; the child of fork gets it back), and
 * waited for with sigwaitinfo by a thread of the runtime's, which does
 * what the handler does.  The request reaches the initial thread and the
 * threads in scopes through their poll words (the nudge), and cpcc builds
 * such a program with polls only (its reset signals would be late too). */
extern void __tsan_init(void) __attribute__((weak));

#define CP_SIGINT_WAITER_STACK (64 * 1024)

static int cp_waiting;

/* SIGINT, and the notice's timer (its signal directed here). */
static void *cp_sigint_waiter(void *arg)
{
  (void)arg;
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGINT);
  sigaddset(&s, __cp_reset_signal);
  __cp_notice_install(__cp_gettid());
  for (;;) {
    siginfo_t si;
    int sig = sigwaitinfo(&s, &si);
    if (sig == __cp_reset_signal && __cp_notice_is_timer(&si))
      __cp_notice_on_timer(NULL);
    if (sig != SIGINT)
      continue;
    cp_on_sigint(SIGINT, &si, NULL);
    if (atomic_load(&__cp_sigint_count) >= CP_SIGINT_DEFAULT_AT)
      pthread_sigmask(SIG_UNBLOCK, &s, NULL); /* the default action, now */
  }
  return NULL;
}

static int cp_install_waiter(void)
{
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGINT);
  if (pthread_sigmask(SIG_BLOCK, &s, NULL) != 0)
    return -1;
  if (__cp_spawn(cp_sigint_waiter, CP_SIGINT_WAITER_STACK, "cp-sigint") != 0) {
    pthread_sigmask(SIG_UNBLOCK, &s, NULL);
    return -1;
  }
  cp_waiting = 1;
  return 0;
}

void __cp_sigint_fork_child(void)
{
  __cp_notice_fork_child(0);
  if (!cp_waiting)
    return;
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGINT);
  pthread_sigmask(SIG_UNBLOCK, &s, NULL); /* the child has no waiter */
  cp_waiting = 0;
}

int __cp_sigint_is_ours(const struct sigaction *a)
{
  return (a->sa_flags & SA_SIGINFO) && a->sa_sigaction == cp_on_sigint;
}

void __cp_sigint_install(void)
{
  struct sigaction old, sa;
  if (sigaction(SIGINT, NULL, &old) != 0)
    return;
  if ((old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_DFL)
    return;
  if (__tsan_init) {
    cp_install_waiter();
    return;
  }
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = cp_on_sigint;
  sa.sa_flags = SA_SIGINFO | SA_RESTART | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  sigaddset(&sa.sa_mask, __cp_reset_signal);
  sigaddset(&sa.sa_mask, SIGINT);
  if (sigaction(SIGINT, &sa, NULL) == 0)
    __cp_notice_install(0);
}
