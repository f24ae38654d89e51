/* lat_driver.c - one cancellation-latency trial per process (built without
 * the plugin; links the runtime).
 *
 *   lat SCENARIO SEED
 *
 * The main thread runs the cancelled code (lat_work.c).  A requester thread
 * waits until the worker has entered its loop, sleeps a pseudo-random
 * 100..2000 us (from SEED, so the request lands at an arbitrary instant of the
 * loop), reads CLOCK_MONOTONIC (cp_now) into t_req, and makes the request.
 * The time of delivery is taken
 *   - for implicit points, which deliver to the process's root scope (the
 *     only delivery that exists before scopes): when the runtime calls
 *     exit(130), after its one-line report to stderr.  The program is linked
 *     with -Wl,--wrap=exit, so the runtime's call lands in __wrap_exit below,
 *     which reads the clock and goes on to the real exit.  Should the wrap not
 *     take (a runtime that reaches exit some other way), the atexit handler's
 *     time is used instead, and delivered_by says so.
 *   - for cp_check: right where it returned -1/ECANCELED.
 * Output: "latency_ns: N" (request -> delivery), "request_ns: N" (how long
 * the request call itself took, on the requesting thread), "after_request_ns:
 * N" (request call returned -> delivery; negative when the worker delivered
 * before the requester's call returned), "tail_ns: N"
 * (exit(130) -> atexit handler) and "delivered_by: ...".
 *
 * Scenarios: pure (effect-free loop, reset path), effects (poll path),
 * constcall (cp_check + an uninstrumented const call), sigint (as pure, but
 * the request is kill(getpid(), SIGINT) from the requester thread), self (the
 * worker requests its own cancellation, then enters the effect-free loop:
 * the delivery tail alone). */
#define _GNU_SOURCE
#include <cancelpoints.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

uint64_t work_pure(uint64_t seed);
uint64_t work_effects(uint64_t seed);
uint64_t work_constcall(uint64_t seed);

static _Atomic int64_t t_req, t_req_ret, t_exit;
static _Atomic int started, reported;
static const char *scenario;
static long delay_ns;

static void report(int64_t t, int64_t tail, const char *how) {
  int64_t r = atomic_load(&t_req), rr = atomic_load(&t_req_ret);
  if (!r || atomic_exchange(&reported, 1))
    return;
  char buf[256];
  int n = snprintf(buf, sizeof buf, "latency_ns: %lld\nrequest_ns: %lld\nafter_request_ns: %lld\n"
                   "tail_ns: %lld\ndelivered_by: %s\n", (long long)(t - r),
                   rr ? (long long)(rr - r) : -1LL, rr ? (long long)(t - rr) : -999999999LL,
                   (long long)tail, how);
  if (write(1, buf, (size_t)n) < 0)
    _exit(3);
}

void __real_exit(int status) __attribute__((noreturn));
void __wrap_exit(int status) {
  int64_t z = 0;
  atomic_compare_exchange_strong(&t_exit, &z, cp_now());
  __real_exit(status);
}

static void at_exit(void) {
  int64_t now = cp_now(), te = atomic_load(&t_exit);
  if (te)
    report(te, now - te, "root scope: exit(130) called");
  else
    report(now, -1, "root scope: atexit handler (exit not wrapped)");
}

static void *requester(void *arg) {
  (void)arg;
  while (!atomic_load(&started)) {
    struct timespec ts = {0, 20000};
    nanosleep(&ts, NULL);
  }
  struct timespec ts = {0, delay_ns};
  nanosleep(&ts, NULL);
  if (!strcmp(scenario, "sigint")) {
    atomic_store(&t_req, cp_now());
    kill(getpid(), SIGINT);
  } else {
    atomic_store(&t_req, cp_now());
    cp_cancel_process();
  }
  atomic_store(&t_req_ret, cp_now());
  for (;;)
    pause();
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s pure|effects|constcall|sigint|self SEED\n", argv[0]);
    return 2;
  }
  scenario = argv[1];
  uint64_t seed = strtoull(argv[2], NULL, 10);
  uint64_t h = seed * 0x9e3779b97f4a7c15ull;
  h ^= h >> 31;
  delay_ns = 100000 + (long)(h % 1900000);
  atexit(at_exit);
  uint64_t r;
  if (!strcmp(scenario, "self")) {
    atomic_store(&t_req, cp_now());
    cp_cancel_process();
    atomic_store(&t_req_ret, cp_now());
    r = work_pure(seed);
  } else {
    pthread_t th;
    if (pthread_create(&th, NULL, requester, NULL) != 0)
      return 2;
    atomic_store(&started, 1);
    if (!strcmp(scenario, "pure") || !strcmp(scenario, "sigint"))
      r = work_pure(seed);
    else if (!strcmp(scenario, "effects"))
      r = work_effects(seed);
    else if (!strcmp(scenario, "constcall")) {
      r = work_constcall(seed);
      int e = errno;
      report(cp_now(), -1, e == ECANCELED ? "cp_check returned -1/ECANCELED" : "cp_check returned -1, errno not ECANCELED");
      _exit(0);
    } else {
      fprintf(stderr, "unknown scenario %s\n", scenario);
      return 2;
    }
  }
  printf("not cancelled: %llu\n", (unsigned long long)r);
  return 1;
}
