/* Request latency of three ways to reach a thread running a loop: a poll
 * word it loads and tests, a poll page it loads that the requester
 * protects (the load faults: SIGSEGV), and a signal (SIGURG, the floor of
 * today's reset path).  A worker runs a loop with one point per
 * iteration; the requester stamps the time, requests, and waits until the
 * worker has stamped its arrival.  Prints p50, p90, p99 and max in
 * microseconds, and the cost of the worker's take-back for the page.
 *   cc -O2 -pthread latency.c -o latency && ./latency [N]            */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096
static _Thread_local char poll_page[PAGE] __attribute__((aligned(PAGE)));
static _Thread_local volatile uint32_t poll_word;

enum way { WORD, PAGE_FAULT, SIGNAL };
static const char *names[] = {"poll word", "poll page (fault)", "signal floor"};

static _Atomic int mode = -1;         /* the way under test, -1: stop */
static _Atomic uint64_t arrived;      /* the worker's stamp, 0: not yet */
static _Atomic uint64_t takeback_ns;  /* the page's take-back, summed */
static char *worker_page;
static volatile uint32_t *worker_word;
static pid_t worker_tid;
static _Atomic int ready;

static uint64_t now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static void on_segv(int sig, siginfo_t *si, void *uc) {
  (void)sig, (void)uc;
  uint64_t t = now();
  if ((char *)si->si_addr < poll_page || (char *)si->si_addr >= poll_page + PAGE)
    abort(); /* not a point: a real fault */
  mprotect(poll_page, PAGE, PROT_READ | PROT_WRITE); /* the take-back */
  atomic_fetch_add(&takeback_ns, now() - t);
  atomic_store(&arrived, t);
}

static void on_urg(int sig) {
  (void)sig;
  atomic_store(&arrived, now());
}

static void *worker(void *arg) {
  (void)arg;
  worker_page = poll_page;
  worker_word = &poll_word;
  worker_tid = (pid_t)syscall(SYS_gettid);
  atomic_store(&ready, 1);
  volatile unsigned long work = 0;
  for (;;) { /* one point per iteration, each way's own */
    int m = atomic_load_explicit(&mode, memory_order_relaxed);
    if (m < 0)
      return NULL;
    (void)*(volatile char *)poll_page;      /* the page's point: a load */
    if (poll_word) {                        /* the word's point */
      poll_word = 0;
      atomic_store(&arrived, now());
    }
    work++;
  }
}

static int cmp(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static void measure(enum way w, int n) {
  uint64_t *lat = calloc((size_t)n, sizeof *lat);
  atomic_store(&takeback_ns, 0);
  for (int i = 0; i < n; i++) {
    atomic_store(&arrived, 0);
    struct timespec gap = {0, 20000 + (rand() % 80000)};
    nanosleep(&gap, NULL); /* the worker is back in its loop */
    uint64_t t0 = now();
    if (w == WORD)
      *worker_word = 1;
    else if (w == PAGE_FAULT)
      mprotect(worker_page, PAGE, PROT_NONE);
    else
      syscall(SYS_tgkill, getpid(), worker_tid, SIGURG);
    uint64_t t1;
    while ((t1 = atomic_load(&arrived)) == 0)
      ;
    lat[i] = t1 - t0;
  }
  qsort(lat, (size_t)n, sizeof *lat, cmp);
  printf("%-18s p50 %7.1f  p90 %7.1f  p99 %7.1f  max %8.1f us", names[w],
         lat[n / 2] / 1e3, lat[n * 9 / 10] / 1e3, lat[n * 99 / 100] / 1e3,
         lat[n - 1] / 1e3);
  if (w == PAGE_FAULT)
    printf("  take-back %.1f us mean", atomic_load(&takeback_ns) / 1e3 / n);
  printf("\n");
  free(lat);
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 2000;
  if (((uintptr_t)poll_page & (PAGE - 1)) != 0) {
    fprintf(stderr, "latency: the poll page is not page-aligned\n");
    return 1;
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGSEGV, &sa, NULL);
  sa.sa_flags = 0;
  sa.sa_handler = on_urg;
  sigaction(SIGURG, &sa, NULL);
  pthread_t t;
  atomic_store(&mode, 0);
  pthread_create(&t, NULL, worker, NULL);
  while (!atomic_load(&ready))
    ;
  for (int round = 0; round < 2; round++)
    for (int w = WORD; w <= SIGNAL; w++)
      measure((enum way)w, n);
  atomic_store(&mode, -1);
  pthread_join(t, NULL);
  return 0;
}
