// Unmodified code blocked in sleep(), read() on a pipe, pthread_cond_wait,
// sem_wait, waitpid, poll, accept: built with cpcc, the calls are
// redirected to the runtime's cancellable versions, and ^C ends the program
// within 250 ms with the report and exit 130 (atexit handlers run).
// UNSUPPORTED under TSan: TSan runs a signal's handler only when the thread
// enters one of its interceptors: the reset signal never reaches a thread
// that computes or waits in the runtime's own system call.
// UNSUPPORTED: tsan
// RUN: %cpcc -O2 %s -o %t
// RUN: %interrupt --max-latency-ms 250 -- %t sleep | FileCheck %s
// RUN: %interrupt --max-latency-ms 250 -- %t read | FileCheck %s
// RUN: %interrupt --max-latency-ms 250 -- %t cond | FileCheck %s
// RUN: %interrupt --max-latency-ms 250 -- %t sem | FileCheck %s
// RUN: %interrupt --max-latency-ms 250 -- %t waitpid | FileCheck %s
// RUN: %interrupt --max-latency-ms 250 -- %t poll | FileCheck %s
// RUN: %interrupt --max-latency-ms 250 -- %t cond_thread | FileCheck %s
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %interrupt --max-latency-ms 250 -- %t.O0 read | FileCheck %s
// RUN: %interrupt --max-latency-ms 250 -- %t.O0 cond | FileCheck %s
// RUN: env CANCELPOINTS_CHAOS=100 %interrupt --max-latency-ms 250 -- %t sleep | FileCheck %s
// RUN: env CANCELPOINTS_CHAOS=100 %interrupt --max-latency-ms 250 -- %t cond | FileCheck %s
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}atexit handler ran{{$}}
// (cond_thread: main, waiting in pthread_join, may take it first: foreign_wait.c)
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT {{(in [a-z_]+( \(.*\))?|while main waited in futex \(from pthread_join\))$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static void bye(void) { printf("atexit handler ran\n"); }

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int ready;

static void ready_now(void)
{
  printf("READY\n");
  fflush(stdout);
}

static void *cond_waiter(void *a)
{
  (void)a;
  pthread_mutex_lock(&mu);
  ready = 1;
  pthread_cond_broadcast(&cv);
  while (ready < 2)
    pthread_cond_wait(&cv, &mu);
  pthread_mutex_unlock(&mu);
  printf("woken without a request\n");
  return NULL;
}

int main(int argc, char **argv)
{
  atexit(bye);
  const char *w = argc > 1 ? argv[1] : "sleep";
  int fds[2];
  if (pipe(fds))
    return 1;
  if (!strcmp(w, "sleep")) {
    ready_now();
    sleep(1000);
  } else if (!strcmp(w, "read")) {
    char c;
    ready_now();
    ssize_t n = read(fds[0], &c, 1);
    printf("read returned %zd\n", n);
  } else if (!strcmp(w, "cond")) {
    pthread_mutex_lock(&mu);
    ready_now();
    while (!ready)
      pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
  } else if (!strcmp(w, "cond_thread")) { /* a thread waits; main joins */
    pthread_t t;
    pthread_create(&t, NULL, cond_waiter, NULL);
    pthread_mutex_lock(&mu);
    while (!ready)
      pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
    ready_now();
    pthread_join(t, NULL);
    printf("joined\n");
  } else if (!strcmp(w, "sem")) {
    sem_t s;
    sem_init(&s, 0, 0);
    ready_now();
    sem_wait(&s);
  } else if (!strcmp(w, "waitpid")) {
    pid_t c = fork();
    if (c == 0) { /* until the parent is gone: EOF */
      char b;
      close(fds[1]);
      while (read(fds[0], &b, 1) > 0) {
      }
      _exit(0);
    }
    ready_now();
    int st;
    waitpid(c, &st, 0);
  } else if (!strcmp(w, "poll")) {
    struct pollfd p = {fds[0], POLLIN, 0};
    ready_now();
    poll(&p, 1, -1);
  }
  printf("not cancelled\n");
  return 0;
}
