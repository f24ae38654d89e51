// ^C under the sanitizers.  ASan and UBSan change nothing: the first ^C
// ends the loop at a point (exit 130, report line).  ThreadSanitizer runs a
// signal handler only when its thread enters one of its interceptors, so
// the runtime takes SIGINT on a thread of its own (sigwaitinfo) and cpcc
// builds with polls only: the first ^C still lands at the loop's next poll.
// (TSan itself sleeps 1 s before the process exits.)  The third ^C always
// kills, under TSan too: a loop run under a lock holds the request, the
// second ^C leaves it held (a thread TSan keeps does not answer, so the
// runtime cannot tell that nothing else holds it), the third kills.
// RUN: %cpcc -fsanitize=address -O1 %s -o %t.asan
// RUN: %interrupt --signals 1 --timeout 20 -- %t.asan | FileCheck %s
// RUN: %cpcc -fsanitize=undefined -O1 %s -o %t.ubsan
// RUN: %interrupt --signals 1 --timeout 20 -- %t.ubsan | FileCheck %s
// RUN: %cpcc -fsanitize=thread -O1 %s -o %t.tsan
// RUN: %interrupt --signals 1 --timeout 20 -- %t.tsan | FileCheck %s
// RUN: %interrupt --signals 3 --interval-ms 300 --timeout 20 -- %t.tsan locked | FileCheck %s --check-prefix=LOCKED
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT in spin{{( \(.*\))?$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
// LOCKED: {{^}}READY{{$}}
// LOCKED: {{^}}status: signal=SIGINT{{$}}
// LOCKED-NEXT: latency_ms:
// LOCKED-NEXT: {{^}}signals_sent: 3{{$}}
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static volatile long n;

static __attribute__((noinline)) void spin(void)
{
  for (;;)
    n++;
}

int main(int argc, char **argv)
{
  (void)argv;
  if (argc > 1)
    pthread_mutex_lock(&m);
  printf("READY\n");
  fflush(stdout);
  spin();
  pthread_mutex_unlock(&m);
  return 0;
}
