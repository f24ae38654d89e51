// Two threads spin in effect-free loops while main waits in pthread_join.
// ^C cancels the process: the spinning threads are rewound to their points,
// the first to see the request reports and exits 130 for everyone.  That
// may be main, if the request (its poll word is nudged at once) finds it at
// its loop's point before pthread_join, or main waiting in pthread_join (a
// wait outside instrumented code on the root scope ends at once).
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %interrupt --max-latency-ms 250 -- %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %interrupt --max-latency-ms 250 -- %t.O2 | FileCheck %s
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}buffered: 2 threads started{{$}}
// CHECK-NEXT: {{^}}atexit handler ran{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT {{(in (spin|main)( \(.*\))?|while main waited in futex \(from pthread_join\))$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void bye(void) { printf("atexit handler ran\n"); }

static unsigned long limit = ~0UL;
static atomic_int started;

__attribute__((noinline)) static unsigned long spin(unsigned long x) {
  for (unsigned long i = 0; i < limit; i++)
    x = (x ^ (x >> 17)) * 0xbf58476d1ce4e5b9UL + i;
  return x;
}

static void *run(void *arg) {
  atomic_fetch_add(&started, 1);
  return (void *)spin((unsigned long)arg);
}

int main(int argc, char **argv) {
  if (argc > 1)
    limit = strtoul(argv[1], 0, 0);
  atexit(bye);
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    if (pthread_create(&t[i], NULL, run, (void *)(unsigned long)(i + 1)) != 0)
      return 1;
  while (atomic_load(&started) < 2)
    ;
  /* The buffered line goes into stdout's buffer (a pipe) before READY is
   * written past it: a spinning thread may take the ^C and exit while main
   * is still running, and the line must already be there to be flushed. */
  printf("buffered: 2 threads started\n");
  if (write(1, "READY\n", 6) != 6)
    return 1;
  for (int i = 0; i < 2; i++) {
    void *r;
    pthread_join(t[i], &r);
    printf("thread %d: %lu\n", i, (unsigned long)r);
  }
  return 0;
}
