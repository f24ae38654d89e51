/* sigint.c - ^C as a cancellation request.
 *
 * Installed by the constructor unless CANCELPOINTS_SIGINT=off or SIGINT is
 * not at its default action at start (ignored, as for background jobs, or
 * handled by someone before us: respected).  The 1st SIGINT requests
 * cancellation of the process, the 2nd requests again (every thread gets a
 * fresh reset signal), the 3rd restores SIG_DFL and re-raises, so a program
 * stuck in code that is not instrumented can always be killed.  A program
 * that installs its own SIGINT handler replaces this one.
 * The reset signal is blocked while this runs, so the self-directed one the
 * broadcast sends lands after it returns, on the interrupted context.
 */
#include "internal.h"
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

_Atomic unsigned __cp_sigint_count;

static void cp_on_sigint(int sig, siginfo_t *si, void *uc)
{
  (void)si;
  (void)uc;
  int e = errno;
  unsigned n = atomic_fetch_add(&__cp_sigint_count, 1) + 1;
  if (n >= 3) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, NULL);
    __cp_tgkill(getpid(), __cp_gettid(), sig); /* blocked until we return */
  } else {
    cp_request_process(CP_CAUSE_SIGINT);
  }
  errno = e;
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
  sigaction(SIGINT, &sa, NULL);
}
