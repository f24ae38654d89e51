// A foreign signal that comes while a reset signal of ours is being handled
// still ends a blocking call with EINTR, as libc's call would have ended:
// the reset handler blocks other signals while it runs and, last, gives the
// call the EINTR of a pending foreign one, instead of letting the kernel's
// restart (or our retry) swallow it.  A helper sends our signal (SIGURG by
// tgkill from this process) and then a higher-numbered foreign one to a
// thread blocked in a cp_ call, so that both are usually pending when it
// wakes and ours is taken first.  A foreign signal whose handler has
// SA_RESTART still restarts a restartable call.  A loss is seen as a call
// still blocked 200 ms later; the helper then resends (counted), and few
// losses are allowed: one happens if the thread ran ours to completion
// between the helper's two sends.
// UNSUPPORTED under TSan: its own handler takes every signal from the kernel
// and runs the program's later, so no handler sees the kernel's decision.
// UNSUPPORTED: tsan
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %t | FileCheck %s
// CHECK: read: 100 EINTR, lost few
// CHECK-NEXT: poll: 100 EINTR, lost few
// CHECK-NEXT: restarted read: 20 read a byte
#define _GNU_SOURCE
#include <cancelpoints.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define ROUNDS 100
#define RESTARTS 20
#define LOST_FEW 10 /* of ROUNDS */
#define LOSS_WAIT_MS 200

enum call { READ, POLL, RESTARTED_READ };

static int data[2], done[2];
static _Atomic int reader_tid;
static _Atomic int foreign_seen;

static void on_foreign(int s) {
  (void)s;
  foreign_seen++;
}

static int install(int sig, int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_foreign;
  sa.sa_flags = flags;
  return sigaction(sig, &sa, NULL);
}

/* The reader is blocked in a system call: /proc names its number. */
static void wait_blocked(int tid) {
  char path[64], buf[64];
  snprintf(path, sizeof path, "/proc/self/task/%d/syscall", tid);
  for (;;) {
    FILE *f = fopen(path, "r");
    if (!f)
      exit(2);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    if (strncmp(buf, "running", 7) != 0 && atoi(buf) >= 0 && buf[0] != '-')
      return;
    sched_yield();
  }
}

static void signal_thread(int tid, int sig) {
  if (syscall(SYS_tgkill, getpid(), tid, sig) != 0)
    exit(3);
}

/* One round from the helper's side: returns 1 if the foreign signal was
 * lost (resent until the call returned). */
static int provoke(enum call c, int foreign) {
  int tid = atomic_load(&reader_tid);
  wait_blocked(tid);
  signal_thread(tid, SIGURG);
  signal_thread(tid, foreign);
  if (c == RESTARTED_READ)
    (void)!write(data[1], "x", 1);
  int lost = 0;
  struct pollfd p = {done[0], POLLIN, 0};
  while (poll(&p, 1, LOSS_WAIT_MS) == 0) {
    lost = 1;
    signal_thread(tid, foreign);
  }
  char b;
  (void)!read(done[0], &b, 1);
  return lost;
}

struct round {
  enum call c;
  int foreign;
  int n;
};

/* The helper and the reader on different CPUs: the reader's wake-up then
 * takes an interrupt and a switch, while the helper's two sends follow
 * each other at once.  (On one CPU the woken reader would preempt the
 * helper between them.) */
static void pin(int cpu) {
  cpu_set_t s;
  CPU_ZERO(&s);
  CPU_SET(cpu, &s);
  (void)pthread_setaffinity_np(pthread_self(), sizeof s, &s);
}

static void *helper(void *a) {
  struct round *r = a;
  pin(1);
  long lost = 0;
  for (int i = 0; i < r->n; i++)
    lost += provoke(r->c, r->foreign);
  return (void *)lost;
}

static const char *run(enum call c, int foreign, int n, int *lost) {
  static char what[32];
  struct round r = {c, foreign, n};
  pthread_t h;
  reader_tid = (int)syscall(SYS_gettid);
  pin(0);
  pthread_create(&h, NULL, helper, &r);
  int eintr = 0, bytes = 0;
  for (int i = 0; i < n; i++) {
    char b;
    struct pollfd p = {data[0], POLLIN, 0};
    long ret = c == POLL ? cp_poll(&p, 1, -1) : cp_read(data[0], &b, 1);
    if (ret < 0 && errno == EINTR)
      eintr++;
    else if (c == RESTARTED_READ && ret == 1)
      bytes++;
    (void)!write(done[1], "d", 1);
  }
  void *l;
  pthread_join(h, &l);
  *lost = (int)(long)l;
  snprintf(what, sizeof what,
           c == RESTARTED_READ ? "%d read a byte" : "%d EINTR",
           c == RESTARTED_READ ? bytes : eintr);
  return what;
}

int main(void) {
  alarm(120);
  setvbuf(stdout, NULL, _IONBF, 0);
  int fg = SIGRTMIN, fg_restart = SIGRTMIN + 1; /* both above SIGURG */
  if (pipe(data) || pipe(done) || install(fg, 0) ||
      install(fg_restart, SA_RESTART))
    return 1;
  int lost;
  const char *what = run(READ, fg, ROUNDS, &lost);
  printf("read: %s, lost %s (%d)\n", what, lost <= LOST_FEW ? "few" : "many",
         lost);
  what = run(POLL, fg, ROUNDS, &lost);
  printf("poll: %s, lost %s (%d)\n", what, lost <= LOST_FEW ? "few" : "many",
         lost);
  what = run(RESTARTED_READ, fg_restart, RESTARTS, &lost);
  printf("restarted read: %s\n", what);
  return 0;
}
