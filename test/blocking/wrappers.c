// Each cancellable blocking call returns -1/ECANCELED when a request arrives
// while it waits (another thread calls cp_cancel_process once the waiter is
// asleep in the kernel), and the operation had no effect.  One process per
// call: a process-wide request is permanent.
// UNSUPPORTED under TSan: TSan runs a signal's handler only when the thread
// enters one of its interceptors: the reset signal never reaches a thread
// that computes or waits in the runtime's own system call.
// UNSUPPORTED: tsan
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %t read | FileCheck %s --check-prefix=READ
// RUN: %t write | FileCheck %s --check-prefix=WRITE
// RUN: %t recv | FileCheck %s --check-prefix=RECV
// RUN: %t send | FileCheck %s --check-prefix=SEND
// RUN: %t accept | FileCheck %s --check-prefix=ACCEPT
// RUN: %t connect | FileCheck %s --check-prefix=CONNECT
// RUN: %t poll | FileCheck %s --check-prefix=POLL
// RUN: %t select | FileCheck %s --check-prefix=SELECT
// RUN: %t nanosleep | FileCheck %s --check-prefix=NANOSLEEP
// RUN: %t sleep_until | FileCheck %s --check-prefix=SLEEP_UNTIL
// RUN: %t cond_wait | FileCheck %s --check-prefix=COND
// RUN: %t cond_timedwait | FileCheck %s --check-prefix=CONDT
// RUN: %t sem_wait | FileCheck %s --check-prefix=SEM
// RUN: %t waitpid | FileCheck %s --check-prefix=WAITPID
// READ: read: -1 Operation canceled; pipe still holds 0, then 1 byte after a write
// WRITE: write: -1 Operation canceled; pipe holds [[N:[0-9]+]] bytes = filled [[N]]
// RECV: recv: -1 Operation canceled; socket holds 0
// SEND: send: -1 Operation canceled; peer holds [[N:[0-9]+]] bytes = filled [[N]]
// ACCEPT: accept: -1 Operation canceled; queue still has the connection: 1
// CONNECT: connect: -1 Operation canceled
// POLL: poll: -1 Operation canceled
// SELECT: select: -1 Operation canceled
// NANOSLEEP: nanosleep: -1 Operation canceled
// SLEEP_UNTIL: sleep_until: -1 Operation canceled
// COND: cond_wait: -1 Operation canceled; mutex held: 1
// CONDT: cond_timedwait: -1 Operation canceled; mutex held: 1
// SEM: sem_wait: -1 Operation canceled; value 0, post then wait: 0
// WAITPID: waitpid: -1 Operation canceled; child still there: 1
#define _GNU_SOURCE
#include <cancelpoints.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *what;
static _Atomic int worker_tid;
static int fds[2], sv[2], lfd;
static struct sockaddr_un addr;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static sem_t sem;
static pid_t child;
static char big[1 << 20];

static long r;
static int err;

/* Fill a nonblocking fd, then make it blocking again. */
static long fill(int fd)
{
  long n = 0, k;
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  while ((k = write(fd, big, sizeof big)) > 0)
    n += k;
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return n;
}

static int pending(int fd)
{
  int n = 0;
  if (ioctl(fd, FIONREAD, &n) < 0)
    return -1;
  return n;
}

static void *worker(void *arg)
{
  (void)arg;
  char buf[16];
  worker_tid = (int)syscall(SYS_gettid);
  if (!strcmp(what, "read"))
    r = cp_read(fds[0], buf, sizeof buf);
  else if (!strcmp(what, "write"))
    r = cp_write(fds[1], big, sizeof big);
  else if (!strcmp(what, "recv"))
    r = cp_recv(sv[0], buf, sizeof buf, 0);
  else if (!strcmp(what, "send"))
    r = cp_send(sv[0], big, sizeof big, 0);
  else if (!strcmp(what, "accept"))
    r = cp_accept(lfd, NULL, NULL);
  else if (!strcmp(what, "connect")) {
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    r = cp_connect(s, (struct sockaddr *)&addr, sizeof addr);
  } else if (!strcmp(what, "poll")) {
    struct pollfd p = {fds[0], POLLIN, 0};
    r = cp_poll(&p, 1, -1);
  } else if (!strcmp(what, "select")) {
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(fds[0], &rs);
    r = cp_select(fds[0] + 1, &rs, NULL, NULL, NULL);
  } else if (!strcmp(what, "nanosleep")) {
    struct timespec ts = {1000, 0};
    r = cp_nanosleep(&ts, NULL);
  } else if (!strcmp(what, "sleep_until"))
    r = cp_sleep_until(cp_now() + 1000000000000LL);
  else if (!strcmp(what, "cond_wait") || !strcmp(what, "cond_timedwait")) {
    pthread_mutex_lock(&mu);
    if (what[4] == '_' && what[5] == 't') {
      struct timespec ts;
      clock_gettime(CLOCK_REALTIME, &ts);
      ts.tv_sec += 1000;
      r = cp_cond_timedwait(&cv, &mu, &ts);
    } else {
      r = cp_cond_wait(&cv, &mu);
    }
    err = errno;
    /* the mutex is held: trylock from here fails with EBUSY or EDEADLK */
    int held = pthread_mutex_trylock(&mu) != 0;
    printf("%s: %ld %s; mutex held: %d\n", what, r, strerror(err), held);
    pthread_mutex_unlock(&mu);
    return NULL;
  } else if (!strcmp(what, "sem_wait"))
    r = cp_sem_wait(&sem);
  else if (!strcmp(what, "waitpid"))
    r = cp_waitpid(child, NULL, 0);
  err = errno;
  return NULL;
}

/* Wait until the worker sleeps in the kernel (state S in /proc). */
static void wait_asleep(void)
{
  char path[64], buf[256];
  while (!worker_tid)
    sched_yield();
  snprintf(path, sizeof path, "/proc/self/task/%d/stat", worker_tid);
  for (;;) {
    int fd = open(path, O_RDONLY);
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = 0;
    char *p = strrchr(buf, ')');
    if (p && p[2] == 'S')
      break;
    usleep(1000);
  }
  usleep(20000); /* and stays there: not in a transient sleep on the way */
}

int main(int argc, char **argv)
{
  alarm(20);
  what = argv[1];
  if (pipe(fds) || socketpair(AF_UNIX, SOCK_STREAM, 0, sv) || sem_init(&sem, 0, 0))
    return 1;
  long filled = 0;
  if (!strcmp(what, "write"))
    filled = fill(fds[1]);
  if (!strcmp(what, "send"))
    filled = fill(sv[0]);
  if (!strcmp(what, "accept") || !strcmp(what, "connect")) {
    lfd = socket(AF_UNIX, SOCK_STREAM, 0);
    addr.sun_family = AF_UNIX;
    snprintf(addr.sun_path, sizeof addr.sun_path, "/tmp/cpblk-%d", (int)getpid());
    unlink(addr.sun_path);
    if (bind(lfd, (struct sockaddr *)&addr, sizeof addr) || listen(lfd, 0))
      return 1;
    if (!strcmp(what, "connect")) { /* fill the backlog: the next connect blocks */
      for (int i = 0; i < 2; i++) {
        int s = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
        connect(s, (struct sockaddr *)&addr, sizeof addr);
      }
    }
  }
  if (!strcmp(what, "waitpid")) {
    child = fork();
    if (child == 0) {
      pause();
      _exit(0);
    }
  }
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  wait_asleep();
  cp_cancel_process();
  pthread_join(t, NULL);
  if (!strcmp(what, "cond_wait") || !strcmp(what, "cond_timedwait"))
    return 0;
  printf("%s: %ld %s", what, r, strerror(err));
  if (!strcmp(what, "read")) {
    int before = pending(fds[0]);
    write(fds[1], "x", 1);
    printf("; pipe still holds %d, then %d byte after a write", before, pending(fds[0]));
  } else if (!strcmp(what, "write") || !strcmp(what, "send")) {
    printf("; %s holds %d bytes = filled %ld", what[0] == 'w' ? "pipe" : "peer",
           pending(what[0] == 'w' ? fds[0] : sv[1]), filled);
  } else if (!strcmp(what, "recv")) {
    printf("; socket holds %d", pending(sv[0]));
  } else if (!strcmp(what, "accept")) {
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    connect(s, (struct sockaddr *)&addr, sizeof addr);
    int a = accept4(lfd, NULL, NULL, SOCK_NONBLOCK);
    printf("; queue still has the connection: %d", a >= 0);
  } else if (!strcmp(what, "sem_wait")) {
    int v = -1;
    sem_getvalue(&sem, &v);
    sem_post(&sem);
    printf("; value %d, post then wait: %d", v, sem_wait(&sem));
  } else if (!strcmp(what, "waitpid")) {
    kill(child, SIGKILL);
    printf("; child still there: %d", waitpid(child, NULL, 0) == child);
  }
  printf("\n");
  if (addr.sun_path[0])
    unlink(addr.sun_path);
  return 0;
}
