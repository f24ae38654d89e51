// The pipe race of issue 4: a producer (cp_write) and a consumer (cp_read)
// move random-sized chunks through a small pipe in a scope; the scope is
// cancelled at a random instant; both calls end with -1/ECANCELED, and
// bytes written == bytes read + bytes left in the pipe, always: a cancelled
// call had no effect and a completed one reported its count.  10,000
// trials (one scope each; the threads run each trial with cp_scope_run).
// UNSUPPORTED under TSan: TSan runs a signal's handler only when the thread
// enters one of its interceptors: the reset signal never reaches a thread
// that computes or waits in the runtime's own system call.
// UNSUPPORTED: tsan
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %t 10000 | FileCheck %s
// RUN: env CANCELPOINTS_CHAOS=100 %t 2000 | FileCheck %s
// CHECK: trials={{[0-9]+}} mismatches=0 empty_or_full>0 partial>0
#define _GNU_SOURCE
#include <cancelpoints.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int fds[2];
static cp_scope *scope;
static pthread_barrier_t start, done;
static long written, got;
static int wr_err, rd_err;
static _Atomic long blocked_cancels, partials;
static char src[200000], dst[200000];
static _Atomic unsigned long seed = 88172645463325252ULL;

static unsigned long rnd(void)
{
  unsigned long x = atomic_load(&seed), y;
  do {
    y = x ^ (x << 13);
    y ^= y >> 7;
    y ^= y << 17;
  } while (!atomic_compare_exchange_weak(&seed, &x, y));
  return y;
}

static void produce(void *arg)
{
  (void)arg;
  for (;;) {
    size_t n = 1 + rnd() % sizeof src;
    ssize_t r = cp_write(fds[1], src, n);
    if (r < 0) {
      wr_err = errno;
      return;
    }
    if ((size_t)r < n)
      atomic_fetch_add(&partials, 1);
    written += r;
  }
}

static void consume(void *arg)
{
  (void)arg;
  for (;;) {
    size_t n = 1 + rnd() % sizeof dst;
    ssize_t r = cp_read(fds[0], dst, n);
    if (r < 0) {
      rd_err = errno;
      return;
    }
    got += r;
  }
}

static void *worker(void *arg)
{
  void (*fn)(void *) = arg;
  for (;;) {
    pthread_barrier_wait(&start);
    if (!scope)
      return NULL;
    cp_scope_run(scope, fn, NULL);
    pthread_barrier_wait(&done);
  }
}

int main(int argc, char **argv)
{
  alarm(120); /* a lost request hangs a trial: fail, don't hang */
  int trials = argc > 1 ? atoi(argv[1]) : 10000, mismatches = 0;
  if (pipe2(fds, O_CLOEXEC))
    return 1;
  fcntl(fds[1], F_SETPIPE_SZ, 4096);
  pthread_barrier_init(&start, NULL, 3);
  pthread_barrier_init(&done, NULL, 3);
  pthread_t p, c;
  pthread_create(&p, NULL, worker, (void *)produce);
  pthread_create(&c, NULL, worker, (void *)consume);
  for (int i = 0; i < trials; i++) {
    scope = cp_scope_create();
    written = got = 0;
    wr_err = rd_err = 0;
    pthread_barrier_wait(&start);
    /* a random instant: 0 to ~100 us */
    unsigned long spin = rnd() % 20000;
    for (volatile unsigned long k = 0; k < spin; k++) {
    }
    cp_scope_cancel(scope);
    pthread_barrier_wait(&done);
    long left = 0;
    int fl = fcntl(fds[0], F_GETFL);
    fcntl(fds[0], F_SETFL, fl | O_NONBLOCK);
    ssize_t r;
    while ((r = read(fds[0], dst, sizeof dst)) > 0)
      left += r;
    fcntl(fds[0], F_SETFL, fl);
    if (written != got + left || wr_err != ECANCELED || rd_err != ECANCELED) {
      if (mismatches++ < 5)
        printf("trial %d: written=%ld read=%ld left=%ld errors=%s/%s\n", i, written, got, left,
               strerror(wr_err), strerror(rd_err));
    }
    /* an empty or full pipe at the end: a call was likely blocked in it */
    if (written == got + left && (left == 4096 || left == 0))
      atomic_fetch_add(&blocked_cancels, 1);
    cp_scope_destroy(scope);
  }
  scope = NULL;
  pthread_barrier_wait(&start);
  pthread_join(p, NULL);
  pthread_join(c, NULL);
  printf("trials=%d mismatches=%d empty_or_full%s partial%s\n", trials, mismatches,
         blocked_cancels > 0 ? ">0" : "=0", partials > 0 ? ">0" : "=0");
  return mismatches != 0;
}
