// The initial thread waits in pthread_join (a futex wait in libc) for a
// worker that is itself blocked: in a read it made with the reset signal
// blocked ("read"), or in a write to a full pipe ("write", a write is
// never ended by a request: see write_full.c).  ^C ends the join at once:
// report line, atexit handler, stdout flushed, exit 130; the worker's
// call is abandoned with the process.
// RUN: %cpcc -O0 %s -o %t.O0 -lpthread
// RUN: %python %S/Inputs/prompt_driver.py --blocked 202 --blocked 0 --max-latency-ms 1000 -- %t.O0 read | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2 -lpthread
// RUN: %python %S/Inputs/prompt_driver.py --blocked 202 --blocked 0 --max-latency-ms 1000 -- %t.O2 read | FileCheck %s
// RUN: %python %S/Inputs/prompt_driver.py --blocked 202 --blocked 1 --max-latency-ms 1000 -- %t.O0 write | FileCheck %s
// RUN: %python %S/Inputs/prompt_driver.py --blocked 202 --blocked 1 --max-latency-ms 1000 -- %t.O2 write | FileCheck %s
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}buffered before the wait{{$}}
// CHECK-NEXT: {{^}}atexit handler ran{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT while main waited in futex (from {{[a-z_]*join[a-z_]*}}){{$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
// CHECK-NOT: error:
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void bye(void) { printf("atexit handler ran\n"); }
static int fds[2];

static void *reader(void *arg) {
  (void)arg;
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGURG); // the runtime cannot reach this thread
  pthread_sigmask(SIG_BLOCK, &m, NULL);
  char c;
  ssize_t n = read(fds[0], &c, 1); // nobody writes
  return (void *)n;
}

// The write system call through libc's syscall(), code the pass never saw
// (a plain write() here would be the runtime's cancellable cp_write), and
// not stdio: exit flushes every stdio stream, and a stream whose pipe is
// full would block the exit (README, Limits).
static void *writer(void *arg) {
  (void)arg;
  static char block[1 << 16];
  for (;;) // nobody reads: blocks in write once the pipe is full
    if (syscall(SYS_write, fds[1], block, sizeof block) < 0)
      return NULL;
}

int main(int argc, char **argv) {
  int w = argc > 1 && !strcmp(argv[1], "write");
  if (pipe(fds) != 0)
    return 1;
  atexit(bye);
  printf("READY\n");
  fflush(stdout);
  printf("buffered before the wait\n");
  pthread_t t;
  pthread_create(&t, NULL, w ? writer : reader, NULL);
  pthread_join(t, NULL);
  printf("joined\n");
  return 0;
}
