// A thread blocked in a plain libc call - sleep, read on an empty pipe,
// poll, pthread_cond_wait - in instrumented code: the pass redirects the
// call to the runtime's cancellable version, so ^C ends the wait at once
// (report, atexit, exit 130) instead of never.
// RUN: %cpcc -O0 %s -o %t.O0 -lpthread
// RUN: %interrupt --max-latency-ms 250 -- %t.O0 sleep | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2 -lpthread
// RUN: %interrupt --max-latency-ms 250 -- %t.O2 sleep | FileCheck %s
// RUN: %interrupt --max-latency-ms 250 -- %t.O2 read | FileCheck %s
// RUN: %interrupt --max-latency-ms 250 -- %t.O2 poll | FileCheck %s
// RUN: %interrupt --max-latency-ms 250 -- %t.O2 cond | FileCheck %s
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}buffered before the wait{{$}}
// CHECK-NEXT: {{^}}atexit handler ran{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT in {{[a-z_]+}}{{( \(.*\))?$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void bye(void) { printf("atexit handler ran\n"); }

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;

int main(int argc, char **argv) {
  const char *what = argc > 1 ? argv[1] : "sleep";
  int fds[2];
  if (pipe(fds) != 0)
    return 1;
  atexit(bye);
  printf("READY\n");
  fflush(stdout);
  printf("buffered before the wait\n");
  if (!strcmp(what, "sleep")) {
    printf("slept, %u left\n", sleep(1000));
  } else if (!strcmp(what, "read")) {
    char c;
    printf("read %zd\n", read(fds[0], &c, 1)); // nobody writes
  } else if (!strcmp(what, "poll")) {
    struct pollfd p = {fds[0], POLLIN, 0};
    printf("poll %d\n", poll(&p, 1, -1));
  } else {
    pthread_mutex_lock(&mu);
    printf("cond %d\n", pthread_cond_wait(&cv, &mu)); // nobody signals
    pthread_mutex_unlock(&mu);
  }
  return 0;
}
