/* lat_scope.c - cancellation latency through a cancel scope, many trials in
 * one process (built without the plugin; the cancelled code is lat_work.c).
 *
 *   lat_scope SCENARIO TRIALS SEED
 *
 * Each trial: the main thread creates a scope and runs the scenario's worker
 * in it with cp_scope_run.  A requester thread (one for the whole process,
 * not in the scope) waits until the worker has entered its loop, sleeps a
 * pseudo-random 100..2000 us, reads the clock (cp_now, CLOCK_MONOTONIC) into
 * t_req and calls cp_scope_cancel(s).  The main thread reads the clock as
 * soon as cp_scope_run has returned -1/ECANCELED: that is DESIGN.md's
 * "request to scope exit", including the request call's own cost, the
 * signal, the rewind or the poll, the non-local exit and the scope's
 * bookkeeping.  Per trial it prints
 *   latency_ns: N request_ns: N after_request_ns: N rc: R errno: E
 * (request_ns: how long cp_scope_cancel took on the requesting thread;
 * after_request_ns: from its return to the scope's exit, negative when the
 * worker was out before the requester's call returned).
 *
 * Scenarios: pure (effect-free loop nest: reset path), effects (a loop that
 * stores: poll path), constcall (cp_check + an uninstrumented const call,
 * ~1 ms per call), read (blocked in cp_read on an empty pipe: a blocking
 * call as a point; only with the runtime's cancelpoints_io.h), signal (the
 * floor: no cancellation at all; the requester sends a bare SIGUSR1 with
 * tgkill to the worker spinning in a plain loop, whose handler ends it: what
 * the kernel's signal path costs on this machine, which no request that
 * needs a signal - a reset, a blocked call - can beat). */
#define _GNU_SOURCE
#include <cancelpoints.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#if __has_include(<cancelpoints_io.h>)
#define HAVE_CP_IO 1
static int pipefd[2];
static uint64_t work_read(uint64_t seed) {
  char c;
  (void)seed;
  return (uint64_t)cp_read(pipefd[0], &c, 1);
}
#endif

uint64_t work_pure(uint64_t seed);
uint64_t work_effects(uint64_t seed);
uint64_t work_constcall(uint64_t seed);

static volatile sig_atomic_t floor_hit;
static _Atomic pid_t worker_tid;
static int floor_mode;
static void on_floor_signal(int sig) {
  (void)sig;
  floor_hit = 1;
}
static uint64_t work_signal(uint64_t seed) {
  uint64_t x = seed;
  while (!floor_hit)
    x = x * 6364136223846793005ull + 1;
  floor_hit = 0;
  return x;
}

enum { IDLE, STARTED, FIRED };
static _Atomic int phase;
static _Atomic int64_t t_req, t_req_ret;
static cp_scope *_Atomic target;
static _Atomic long delay_ns;
static volatile uint64_t sink;

static void nap(long ns) {
  struct timespec ts = {ns / 1000000000L, ns % 1000000000L};
  nanosleep(&ts, NULL);
}

static void *requester(void *arg) {
  (void)arg;
  for (;;) {
    while (atomic_load(&phase) != STARTED)
      nap(20000);
    nap(atomic_load(&delay_ns));
    atomic_store(&t_req, cp_now());
    if (floor_mode)
      syscall(SYS_tgkill, getpid(), atomic_load(&worker_tid), SIGUSR1);
    else
      cp_scope_cancel(atomic_load(&target));
    atomic_store(&t_req_ret, cp_now());
    atomic_store(&phase, FIRED);
  }
  return NULL;
}

struct job {
  uint64_t (*work)(uint64_t);
  uint64_t seed;
};

static void run_job(void *a) {
  struct job *j = a;
  atomic_store(&phase, STARTED);
  sink = j->work(j->seed);
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: %s pure|effects|constcall|read|signal TRIALS SEED\n", argv[0]);
    return 2;
  }
  struct job j;
  if (!strcmp(argv[1], "pure"))
    j.work = work_pure;
  else if (!strcmp(argv[1], "effects"))
    j.work = work_effects;
  else if (!strcmp(argv[1], "constcall"))
    j.work = work_constcall;
  else if (!strcmp(argv[1], "signal")) {
    floor_mode = 1;
    worker_tid = (pid_t)syscall(SYS_gettid);
    signal(SIGUSR1, on_floor_signal);
    j.work = work_signal;
  }
#ifdef HAVE_CP_IO
  else if (!strcmp(argv[1], "read")) {
    if (pipe(pipefd) != 0)
      return 2;
    j.work = work_read;
  }
#endif
  else {
    fprintf(stderr, "unknown scenario %s\n", argv[1]);
    return 2;
  }
  long trials = atol(argv[2]);
  uint64_t seed = strtoull(argv[3], NULL, 10);
  pthread_t th;
  if (pthread_create(&th, NULL, requester, NULL) != 0)
    return 2;
  for (long i = 0; i < trials; i++) {
    uint64_t h = (seed + (uint64_t)i) * 0x9e3779b97f4a7c15ull;
    h ^= h >> 31;
    atomic_store(&delay_ns, 100000 + (long)(h % 1900000));
    cp_scope *s = cp_scope_create();
    if (!s)
      return 3;
    atomic_store(&target, s);
    j.seed = h;
    int rc = cp_scope_run(s, run_job, &j);
    int e = errno;
    int64_t t_end = cp_now();
    while (atomic_load(&phase) != FIRED) /* the request call may still run */
      nap(10000);
    int64_t r = atomic_load(&t_req), rr = atomic_load(&t_req_ret);
    printf("latency_ns: %lld request_ns: %lld after_request_ns: %lld rc: %d errno: %d\n",
           (long long)(t_end - r), (long long)(rr - r), (long long)(t_end - rr), rc,
           rc ? e : 0);
    atomic_store(&phase, IDLE);
    cp_scope_destroy(s);
  }
  fflush(stdout);
  return 0;
}
