/* runtime_thread.c - start one of the runtime's own threads (canceller, waker,
 * on-cancel, chaos): detached, small stack, every signal blocked so that no
 * signal meant for the program's threads (and none of ours) lands on it, and
 * named so that a debugger or `ps -T` says whose it is.  Their tids are
 * kept, so that what the runtime says of the program's threads (the ^C
 * notice) leaves them out. */
#include "internal.h"
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

#define CP_RUNTIME_THREADS 8 /* more than the runtime ever starts */

static _Atomic int cp_tids[CP_RUNTIME_THREADS];

struct cp_start {
  void *(*fn)(void *);
};

static void *cp_runtime_start(void *p)
{
  struct cp_start st = *(struct cp_start *)p;
  free(p);
  int tid = __cp_gettid();
  for (int i = 0; i < CP_RUNTIME_THREADS; i++) {
    int z = 0;
    if (atomic_compare_exchange_strong(&cp_tids[i], &z, tid))
      break;
  }
  return st.fn(NULL);
}

int __cp_is_runtime_thread(int tid)
{
  for (int i = 0; i < CP_RUNTIME_THREADS; i++)
    if (atomic_load(&cp_tids[i]) == tid)
      return 1;
  return 0;
}

int __cp_spawn(void *(*fn)(void *), size_t stack, const char *name)
{
  pthread_t t;
  pthread_attr_t a;
  sigset_t all, old;
  struct cp_start *st = malloc(sizeof *st);
  if (!st || pthread_attr_init(&a) != 0) {
    free(st);
    return -1;
  }
  st->fn = fn;
  pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&a, stack);
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  int r = pthread_create(&t, &a, cp_runtime_start, st);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  pthread_attr_destroy(&a);
  if (r != 0) {
    free(st);
    return -1;
  }
  pthread_setname_np(t, name);
  return 0;
}

/* In the child of fork: none of them is there. */
void __cp_runtime_threads_fork_child(void)
{
  for (int i = 0; i < CP_RUNTIME_THREADS; i++)
    atomic_store(&cp_tids[i], 0);
}
