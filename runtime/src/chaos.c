/* chaos.c - chaos mode: reset signals at random instants, with no request.
 *
 * CANCELPOINTS_CHAOS=<mean microseconds> starts one thread (all signals
 * blocked in it) that sleeps exponentially distributed intervals of that
 * mean and then sends the reset signal to a random other thread of the
 * process (from a tid list refreshed every 50 ms).  The handler rewinds an
 * armed thread to its point, at most 3 times per arming; by the law of
 * cancelpoints nothing the program computes may change.
 */
#include "internal.h"
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

int __cp_chaos_on;
static long cp_chaos_mean_us;

#define CP_CHAOS_TIDS       1024
#define CP_CHAOS_REFRESH_NS 50000000LL
#define CP_CHAOS_STACK      (64 * 1024)

struct cp_tidlist {
  int self, n;
  int tid[CP_CHAOS_TIDS];
};

static void cp_collect(int tid, void *arg)
{
  struct cp_tidlist *l = arg;
  if (tid != l->self && l->n < CP_CHAOS_TIDS)
    l->tid[l->n++] = tid;
}

static uint64_t cp_rand(uint64_t *s)
{
  uint64_t x = *s; /* xorshift64* */
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *s = x;
  return x * 0x2545F4914F6CDD1DULL;
}

/* -ln(u) for u in (0, 1], without libm: u = m * 2^e, m in [0.5, 1), and
 * ln m = 2 atanh((m-1)/(m+1)). */
static double cp_neg_ln(double u)
{
  union {
    double d;
    uint64_t b;
  } v = {u};
  int e = (int)((v.b >> 52) & 0x7ff) - 1022;
  v.b = (v.b & ~(0x7ffULL << 52)) | (1022ULL << 52);
  double s = (v.d - 1) / (v.d + 1), s2 = s * s, t = s, sum = 0;
  for (int k = 1; k < 16; k += 2, t *= s2)
    sum += t / k;
  return -(e * 0.6931471805599453 + 2 * sum);
}

static void *cp_chaos_main(void *arg)
{
  (void)arg;
  static struct cp_tidlist l;
  uint64_t rng = (uint64_t)cp_now() ^ ((uint64_t)__cp_getpid() << 32) ^ 0x9E3779B97F4A7C15ULL;
  int pid = __cp_getpid();
  int64_t refreshed = -CP_CHAOS_REFRESH_NS * 2;
  l.self = __cp_gettid();
  for (;;) {
    double u = (double)((cp_rand(&rng) >> 11) + 1) * 0x1p-53;
    double ns = (double)cp_chaos_mean_us * 1000.0 * cp_neg_ln(u);
    if (ns > 1e17)
      ns = 1e17;
    int64_t d = (int64_t)ns;
    struct timespec ts = __cp_timespec(d);
    clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL);
    int64_t now = cp_now();
    if (now - refreshed >= CP_CHAOS_REFRESH_NS) {
      l.n = 0;
      __cp_tasks(cp_collect, &l);
      refreshed = now;
    }
    if (l.n == 0)
      continue;
    int tid = l.tid[cp_rand(&rng) % (uint64_t)l.n];
    __cp_reset_reclaim();
    if (__cp_tgkill(pid, tid, __cp_reset_signal) == 0)
      cp_count(chaos_sent);
    else
      refreshed -= CP_CHAOS_REFRESH_NS; /* a thread exited: refresh */
  }
  return NULL;
}

void __cp_chaos_start(long mean_us)
{
  cp_chaos_mean_us = mean_us;
  __cp_chaos_on = 1;
  if (__cp_spawn(cp_chaos_main, CP_CHAOS_STACK, "cp-chaos") != 0) {
    __cp_chaos_on = 0;
    __cp_msg("chaos mode: could not start its thread; chaos mode is off", NULL, NULL, NULL);
  }
}
