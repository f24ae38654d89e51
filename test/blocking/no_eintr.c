// Reset signals of ours (a storm of them, and chaos mode) never make a
// blocking call fail with EINTR or return early, nor a plain libc read() in
// uninstrumented code (SA_RESTART); a foreign handler without SA_RESTART
// still gets its EINTR; a request pending before the call cancels it with no
// effect, and a call that completed keeps its result.
// UNSUPPORTED under the sanitizers: its storm thread must send 1000 signals
// while the calls wait, which an instrumented build on a loaded machine does
// not.
// UNSUPPORTED: asan, tsan
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %t | FileCheck %s
// RUN: env CANCELPOINTS_CHAOS=100 %t | FileCheck %s
// CHECK: sleep_until: 0 late=1
// CHECK-NEXT: read: 1 late=1
// CHECK-NEXT: libc read: 1 late=1
// CHECK-NEXT: poll: 0 late=1
// CHECK-NEXT: nanosleep: 0 late=1
// CHECK-NEXT: select: 0 late=1
// CHECK-NEXT: cond_timedwait: -1 Connection timed out late=1
// CHECK-NEXT: sem_wait: 0 late=1
// CHECK-NEXT: waitpid: child late=1
// CHECK-NEXT: signals of ours: many
// CHECK-NEXT: foreign read: -1 Interrupted system call
// CHECK-NEXT: foreign sleep_until: -1 Interrupted system call
// CHECK-NEXT: completed: 3
// CHECK-NEXT: before: -1 Operation canceled, pipe holds 3
#define _GNU_SOURCE
#include <cancelpoints.h>
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MS 1000000LL
static _Atomic int target, storming = 1;
static _Atomic long sent;
static int fds[2];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static sem_t sem;

static void *storm(void *a) {
  (void)a;
  struct timespec ts = {0, 20000};
  while (atomic_load(&storming)) {
    int t = atomic_load(&target);
    if (t && syscall(SYS_tgkill, getpid(), t, SIGURG) == 0)
      sent++;
    nanosleep(&ts, NULL);
  }
  return NULL;
}

/* Helpers sleep with cp_sleep_until: libc's nanosleep fails with EINTR
 * under chaos mode's signals, as under any handled signal. */
static void *later(void *a) /* after 100 ms: a byte, a post */
{
  cp_sleep_until(cp_now() + 100 * MS);
  if ((long)a == 1)
    (void)!write(fds[1], "x", 1);
  else
    sem_post(&sem);
  return NULL;
}

static void after(long what) {
  pthread_t t;
  pthread_create(&t, NULL, later, (void *)what);
  pthread_detach(t);
}

#define LATE(t0) (cp_now() - (t0) >= 100 * MS)

static void on_usr1(int s) { (void)s; }
static _Atomic int call_returned;

/* SIGUSR1 every 50 ms until the call returned: one that lands before the
 * call begins (a loaded machine) is spent on a handler, as with libc. */
static void *usr1_later(void *a) {
  while (cp_sleep_until(cp_now() + 50 * MS), !atomic_load(&call_returned))
    pthread_kill(*(pthread_t *)a, SIGUSR1);
  return NULL;
}

static void foreign_call_returned(pthread_t u) {
  atomic_store(&call_returned, 1);
  pthread_join(u, NULL);
  atomic_store(&call_returned, 0);
}

int main(void) {
  alarm(30);
  setvbuf(stdout, NULL, _IONBF, 0);
  if (pipe(fds) || sem_init(&sem, 0, 0))
    return 1;
  target = (int)syscall(SYS_gettid);
  pthread_t st;
  pthread_create(&st, NULL, storm, NULL);
  char c;
  int64_t t0 = cp_now();
  printf("sleep_until: %d late=%d\n", cp_sleep_until(t0 + 100 * MS), LATE(t0));
  t0 = cp_now();
  after(1);
  printf("read: %zd late=%d\n", cp_read(fds[0], &c, 1), LATE(t0));
  t0 = cp_now();
  after(1);
  printf("libc read: %zd late=%d\n", read(fds[0], &c, 1), LATE(t0));
  t0 = cp_now();
  struct pollfd p = {fds[0], POLLIN, 0};
  printf("poll: %d late=%d\n", cp_poll(&p, 1, 100), LATE(t0));
  t0 = cp_now();
  struct timespec ts = {0, 100 * MS};
  printf("nanosleep: %d late=%d\n", cp_nanosleep(&ts, NULL), LATE(t0));
  t0 = cp_now();
  fd_set rs;
  FD_ZERO(&rs);
  FD_SET(fds[0], &rs);
  struct timeval tv = {0, 100000};
  printf("select: %d late=%d\n", cp_select(fds[0] + 1, &rs, NULL, NULL, &tv),
         LATE(t0));
  t0 = cp_now();
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_nsec += 100 * MS;
  if (ts.tv_nsec >= 1000000000) {
    ts.tv_sec++;
    ts.tv_nsec -= 1000000000;
  }
  pthread_mutex_lock(&mu);
  int r = cp_cond_timedwait(&cv, &mu, &ts);
  int e = errno;
  pthread_mutex_unlock(&mu);
  printf("cond_timedwait: %d %s late=%d\n", r, strerror(e), LATE(t0));
  t0 = cp_now();
  after(2);
  printf("sem_wait: %d late=%d\n", cp_sem_wait(&sem), LATE(t0));
  t0 = cp_now();
  pid_t child = fork();
  if (child == 0) {
    cp_sleep_until(t0 + 100 * MS);
    _exit(0);
  }
  printf("waitpid: %s late=%d\n",
         cp_waitpid(child, NULL, 0) == child ? "child" : "?", LATE(t0));
  storming = 0;
  pthread_join(st, NULL);
  printf("signals of ours: %s\n", sent > 1000 ? "many" : "few");

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_usr1; /* no SA_RESTART */
  sigaction(SIGUSR1, &sa, NULL);
  pthread_t self = pthread_self(), u;
  pthread_create(&u, NULL, usr1_later, &self);
  ssize_t n = cp_read(fds[0], &c, 1);
  e = errno;
  foreign_call_returned(u);
  printf("foreign read: %zd %s\n", n, strerror(e));
  pthread_create(&u, NULL, usr1_later, &self);
  r = cp_sleep_until(cp_now() + 10000 * MS);
  e = errno;
  foreign_call_returned(u);
  printf("foreign sleep_until: %d %s\n", r, strerror(e));

  (void)!write(fds[1], "abc", 3);
  char buf[8];
  n = cp_read(fds[0], buf, sizeof buf);
  cp_cancel_process(); /* after it completed */
  printf("completed: %zd\n", n);
  (void)!write(fds[1], "abc", 3);
  n = cp_read(fds[0], buf, sizeof buf);
  e = errno;
  int left = 0;
  ioctl(fds[0], FIONREAD, &left);
  printf("before: %zd %s, pipe holds %d\n", n, strerror(e), left);
  return 0;
}
