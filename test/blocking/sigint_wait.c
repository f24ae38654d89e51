// ^C while blocked in cp_read / cp_cond_wait / cp_sem_wait, with no
// implicit point anywhere (plain clang): the explicit point returns
// -1/ECANCELED (the request from the SIGINT handler wakes the waiter: the
// waker thread is told through an eventfd), and the program carries on.
// UNSUPPORTED under TSan: TSan runs a signal's handler only when the thread
// enters one of its interceptors: the reset signal never reaches a thread
// that computes or waits in the runtime's own system call.
// UNSUPPORTED: tsan
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %interrupt --max-latency-ms 250 -- %t read | FileCheck %s --check-prefix=READ
// RUN: %interrupt --max-latency-ms 250 -- %t cond | FileCheck %s --check-prefix=COND
// RUN: %interrupt --max-latency-ms 250 -- %t sem | FileCheck %s --check-prefix=SEM
// RUN: %interrupt --max-latency-ms 250 -- %t cond_thread | FileCheck %s --check-prefix=CONDT
// READ: READY
// READ-NEXT: read: -1 Operation canceled
// READ-NEXT: status: exit=0
// COND: READY
// COND-NEXT: cond: -1 Operation canceled, mutex held 1
// COND-NEXT: status: exit=0
// SEM: READY
// SEM-NEXT: sem: -1 Operation canceled
// SEM-NEXT: status: exit=0
// CONDT: READY
// CONDT-NEXT: cond: -1 Operation canceled, mutex held 1
// CONDT-NEXT: status: exit=0
#include <cancelpoints.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;

static void *cond_wait(void *a)
{
  (void)a;
  pthread_mutex_lock(&mu);
  printf("READY\n");
  fflush(stdout);
  int r = cp_cond_wait(&cv, &mu);
  int e = errno;
  int held = pthread_mutex_trylock(&mu) != 0;
  printf("cond: %d %s, mutex held %d\n", r, strerror(e), held);
  pthread_mutex_unlock(&mu);
  return NULL;
}

int main(int argc, char **argv)
{
  alarm(20);
  const char *w = argv[1];
  if (!strcmp(w, "read")) {
    int fds[2];
    char c;
    if (pipe(fds))
      return 1;
    printf("READY\n");
    fflush(stdout);
    ssize_t n = cp_read(fds[0], &c, 1);
    printf("read: %zd %s\n", n, strerror(errno));
  } else if (!strcmp(w, "cond")) {
    cond_wait(NULL);
  } else if (!strcmp(w, "cond_thread")) { /* SIGINT may land on main, in pthread_join */
    pthread_t t;
    pthread_create(&t, NULL, cond_wait, NULL);
    /* With the reset signal unblocked, main waiting in pthread_join (a wait
     * outside instrumented code, root scope) would end the process at once
     * (foreign_wait.c); here the waiter's explicit point is under test. */
    sigset_t m;
    sigemptyset(&m);
    sigaddset(&m, SIGURG);
    pthread_sigmask(SIG_BLOCK, &m, NULL);
    pthread_join(t, NULL);
  } else if (!strcmp(w, "sem")) {
    sem_t s;
    sem_init(&s, 0, 0);
    printf("READY\n");
    fflush(stdout);
    int r = cp_sem_wait(&s);
    printf("sem: %d %s\n", r, strerror(errno));
  }
  return 0;
}
