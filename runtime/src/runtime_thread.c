/* runtime_thread.c - start one of the runtime's own threads (canceller, waker,
 * chaos): detached, small stack, every signal blocked so that no signal
 * meant for the program's threads (and none of ours) lands on it, and named
 * so that a debugger or `ps -T` says whose it is. */
#include "internal.h"
#include <pthread.h>
#include <signal.h>

int __cp_spawn(void *(*fn)(void *), size_t stack, const char *name)
{
  pthread_t t;
  pthread_attr_t a;
  sigset_t all, old;
  if (pthread_attr_init(&a) != 0)
    return -1;
  pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&a, stack);
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  int r = pthread_create(&t, &a, fn, NULL);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  pthread_attr_destroy(&a);
  if (r != 0)
    return -1;
  pthread_setname_np(t, name);
  return 0;
}
