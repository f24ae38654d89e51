// An effect-free loop nest: the pass arms one reset region before it (no
// per-iteration cost); ^C rewinds the thread to the region's point, which
// delivers: report, atexit, flushed stdout, exit 130 - within 250 ms.
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %interrupt --max-latency-ms 250 -- %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %interrupt --max-latency-ms 250 -- %t.O2 | FileCheck %s
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}buffered before the loop{{$}}
// CHECK-NEXT: {{^}}atexit handler ran{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT in nest{{( \(.*\))?$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
#include <stdio.h>
#include <stdlib.h>

static void bye(void) { printf("atexit handler ran\n"); }

__attribute__((noinline)) static unsigned long long nest(unsigned long long n) {
  unsigned long long acc = 0;
  for (unsigned long long i = 0; i < n; i++)
    for (unsigned long long j = 0; j < n; j++)
      for (unsigned long long k = 0; k < n; k++)
        acc = acc * 6364136223846793005ULL + (i ^ (j << 7) ^ (k << 13));
  return acc;
}

int main(int argc, char **argv) {
  atexit(bye);
  printf("READY\n");
  fflush(stdout);
  printf("buffered before the loop\n"); // stdout is a pipe: this sits in the buffer
  unsigned long long r = nest(argc > 1 ? strtoull(argv[1], 0, 0) : 1ULL << 40);
  printf("result %llu\n", r);
  return 0;
}
