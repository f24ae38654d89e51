/* latency.c - what a request costs when points are patchable NOPs.
 *
 *   latency WAY REQUESTS [-m]
 *     WAY  poll       today's point: the requester sets a poll word
 *          mprotect   patchable points, text made writable by mprotect per patch
 *          alias      patchable points, text remapped once from a memfd with a
 *                     writable second view
 *          one        as mprotect, but only the site of the loop the worker
 *                     runs (one loop, for the whole run): the floor of a
 *                     request that patched just the functions on its
 *                     target's stack
 *     -m   first turn on the kernel's W^X policy for this process
 *          (prctl PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN)
 *
 * A worker thread runs the generated loops (sites.c), moving to another at
 * random every million iterations.  REQUESTS times, at a random instant, the
 * main thread makes a request (every site patched into a jump, or the poll
 * word set), waits for the worker to reach its loop's slow path, and takes
 * the request back (the sites patched into NOPs again, or the word cleared).
 * It checks that no site jumps once the request is taken back.  Prints the
 * latency from the request to the worker's arrival, and how long the patch
 * and the unpatch took in the requesting thread, as p50/p99/max in us.
 */
#define _GNU_SOURCE
#include "patch.h"
#include "sites.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>

#ifndef PR_SET_MDWE
#define PR_SET_MDWE 65
#define PR_MDWE_REFUSE_EXEC_GAIN 1
#endif

static _Atomic int request, seen, stop, use_poll, use_one;
static long (*_Atomic running)(long); /* the loop the worker is in */
static _Atomic long hits, calls;

static int64_t now_ns(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void site_slow(void)
{
  int r = atomic_load_explicit(&request, memory_order_acquire);
  if (r != atomic_load_explicit(&seen, memory_order_relaxed))
    atomic_store_explicit(&seen, r, memory_order_release);
  atomic_fetch_add_explicit(&hits, 1, memory_order_relaxed);
}

static void *worker(void *arg)
{
  (void)arg;
  uint64_t x = 88172645463325252ULL;
  long sink = 0;
  while (!atomic_load(&stop)) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    long (*loop)(long) = use_poll ? poll_loop : loops[x % (uint64_t)nloops];
    if (use_one && atomic_load(&running)) /* stays in one loop: the one patched */
      loop = atomic_load(&running);
    atomic_store(&running, loop);
    sink += loop(1 << 20);
    atomic_fetch_add(&calls, 1);
  }
  return (void *)sink;
}

static int cmp64(const void *a, const void *b)
{
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return x < y ? -1 : x > y;
}

static void print_dist(const char *name, int64_t *v, int n)
{
  qsort(v, (size_t)n, sizeof *v, cmp64);
  printf(" %s_us p50=%.1f p99=%.1f max=%.1f", name, v[n / 2] / 1e3, v[n * 99 / 100] / 1e3,
         v[n - 1] / 1e3);
}

static void die(const char *what)
{
  fprintf(stderr, "latency: %s: %s\n", what, strerror(errno));
  exit(1);
}

static void request_once(int i, int64_t *lat, int64_t *on_ns, int64_t *off_ns)
{
  int64_t t0 = now_ns();
  atomic_store_explicit(&request, i, memory_order_release);
  long (*at)(long) = atomic_load(&running);
  if (use_poll)
    poll_word = 1;
  else if ((use_one ? patch_set_after((void *)at, 1) : patch_set(1)) != 0)
    die("patch");
  int64_t t1 = now_ns();
  while (atomic_load_explicit(&seen, memory_order_acquire) != i)
    if (now_ns() - t0 > 1000000000LL) {
      fprintf(stderr, "latency: request %d not seen within 1 s\n", i);
      exit(1);
    }
  int64_t t2 = now_ns();
  if (use_poll)
    poll_word = 0;
  else if ((use_one ? patch_set_after((void *)at, 0) : patch_set(0)) != 0)
    die("unpatch");
  *lat = t2 - t0, *on_ns = t1 - t0, *off_ns = now_ns() - t2;
}

int main(int argc, char **argv)
{
  if (argc < 3) {
    fprintf(stderr, "usage: latency poll|mprotect|alias|one REQUESTS [-m]\n");
    return 2;
  }
  const char *way = argv[1];
  int n = atoi(argv[2]);
  if (argc > 3 && strcmp(argv[3], "-m") == 0 &&
      prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) != 0)
    die("prctl PR_SET_MDWE");
  use_poll = strcmp(way, "poll") == 0;
  use_one = strcmp(way, "one") == 0;
  if (!use_poll) {
    const char *what = "";
    if (patch_init(strcmp(way, "alias") == 0 ? PATCH_ALIAS : PATCH_MPROTECT, &what) != 0) {
      printf("way=%s sites=%d refused: %s: %s\n", way, nloops, what, strerror(errno));
      return 3;
    }
  }
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  while (!atomic_load(&running)) /* it has picked its first loop */
    sched_yield();
  int64_t *lat = malloc(sizeof(int64_t) * (size_t)n), *on = malloc(sizeof(int64_t) * (size_t)n),
          *off = malloc(sizeof(int64_t) * (size_t)n);
  uint64_t x = 2463534242ULL;
  for (int i = 1; i <= n; i++) {
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    struct timespec pause = {0, 200000 + (long)(x % 800000)};
    nanosleep(&pause, NULL);
    request_once(i, &lat[i - 1], &on[i - 1], &off[i - 1]);
    /* a slow path entered before the take-back may still be running: let
     * the worker's current loop end, then a whole loop must run without one */
    long c = atomic_load(&calls);
    while (atomic_load(&calls) < c + 1)
      sched_yield();
    long h = atomic_load(&hits);
    while (atomic_load(&calls) < c + 2)
      sched_yield();
    if (atomic_load(&hits) != h) {
      fprintf(stderr, "latency: a slow path ran after request %d was taken back\n", i);
      return 1;
    }
  }
  atomic_store(&stop, 1);
  pthread_join(t, NULL);
  printf("way=%s sites=%d pages=%ld requests=%d", way, nloops, use_poll ? 0 : patch_pages(), n);
  print_dist("latency", lat, n);
  print_dist("patch", on, n);
  print_dist("unpatch", off, n);
  printf("\n");
  return 0;
}
