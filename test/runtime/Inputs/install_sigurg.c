/* Built without the plugin: a library that installs its own SIGURG handler
 * after the runtime's constructor has run, with a plain sigaction the pass
 * never sees.  It counts what it gets: signals sent with kill (SI_USER),
 * and any other (the runtime's, which it must not get). */
#include <signal.h>
#include <string.h>

volatile sig_atomic_t lib_foreign, lib_other;

static void lib_handler(int sig, siginfo_t *si, void *uc)
{
  (void)sig;
  (void)uc;
  if (si->si_code == SI_USER)
    lib_foreign++;
  else
    lib_other++;
}

int lib_install(void)
{
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = lib_handler;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sigemptyset(&sa.sa_mask);
  return sigaction(SIGURG, &sa, NULL);
}
