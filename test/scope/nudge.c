// A request on a scope nudges the threads inside scopes before it signals
// them: a thread at a poll (an instrumented loop with effects, or cp_check)
// sees the request without the reset signal.  Here the worker blocks the
// reset signal, so the nudge is the only way it can learn of the request;
// without it, the join times out.  Threads that end inside a scope (on
// stacks that are then unmapped) leave the set, so later nudges never write
// into a dead thread's TLS.
// RUN: %cpcc -O2 %s -o %t
// RUN: %t | FileCheck %s
// CHECK: poll: rc -1 ECANCELED
// CHECK-NEXT: cp_check: rc -1 ECANCELED
// CHECK-NEXT: ended inside a scope: 20
// CHECK-NEXT: after them: 50 of 50 cancelled
#define _GNU_SOURCE
#include <cancelpoints.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

static _Atomic int entered;
static volatile unsigned long sink;
static cp_scope *s;

static void effect_loop(void *arg)
{
  (void)arg;
  entered = 1;
  for (unsigned long i = 0;; i++)
    sink = i; /* a loop with effects: the pass puts a poll at its header */
}

static void check_loop(void *arg)
{
  (void)arg;
  entered = 1;
  while (cp_check() == 0)
    sink++;
}

struct job {
  void (*fn)(void *);
  int rc, err;
};

static void *worker(void *arg)
{
  struct job *j = arg;
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGURG); /* the reset signal: blocked, never delivered */
  pthread_sigmask(SIG_BLOCK, &m, NULL);
  j->rc = cp_scope_run(s, j->fn, NULL);
  j->err = errno;
  return NULL;
}

static void run(const char *name, void (*fn)(void *))
{
  struct job j = {fn, 0, 0};
  pthread_t t;
  s = cp_scope_create();
  entered = 0;
  pthread_create(&t, NULL, worker, &j);
  while (!entered)
    ;
  cp_scope_cancel(s);
  struct timespec until;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += 30; /* generous: a nudge lands in microseconds */
  if (pthread_timedjoin_np(t, NULL, &until) != 0) {
    printf("%s: not cancelled: the nudge did not reach the poll\n", name);
    exit(1);
  }
  printf("%s: rc %d %s\n", name, j.rc, j.err == ECANCELED ? "ECANCELED" : "?");
  cp_scope_destroy(s);
}

static void exit_inside(void *arg)
{
  (void)arg;
  pthread_exit(NULL);
}

static void *ender(void *arg)
{
  (void)arg;
  cp_scope *own = cp_scope_create();
  cp_scope_run(own, exit_inside, NULL); /* never returns */
  return NULL;
}

int main(void)
{
  run("poll", effect_loop);
  run("cp_check", check_loop);

  int ended = 0;
  for (int i = 0; i < 20; i++) {
    size_t size = 1 << 20;
    void *stack = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setstack(&a, stack, size); /* its TLS lives in this mapping */
    pthread_t t;
    if (pthread_create(&t, &a, ender, NULL) == 0 && pthread_join(t, NULL) == 0)
      ended++;
    pthread_attr_destroy(&a);
    munmap(stack, size);
  }
  printf("ended inside a scope: %d\n", ended);

  int cancelled = 0;
  for (int i = 0; i < 50; i++) {
    struct job j = {effect_loop, 0, 0};
    pthread_t t;
    s = cp_scope_create();
    entered = 0;
    pthread_create(&t, NULL, worker, &j);
    while (!entered)
      ;
    cp_scope_cancel(s); /* nudges every thread in the set */
    pthread_join(t, NULL);
    cancelled += j.rc == -1 && j.err == ECANCELED;
    cp_scope_destroy(s);
  }
  printf("after them: %d of 50 cancelled\n", cancelled);
  return 0;
}
