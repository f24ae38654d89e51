// Naive recursion with no loop in the source: the entry of a function on a
// call-graph cycle is a point, so fib(90) (which would take centuries) stops
// at ^C within 250 ms.
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %interrupt --max-latency-ms 250 -- %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %interrupt --max-latency-ms 250 -- %t.O2 | FileCheck %s
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}atexit handler ran{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT in fib{{( \(.*\))?$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
#include <stdio.h>
#include <stdlib.h>

static void bye(void) { printf("atexit handler ran\n"); }

__attribute__((noinline)) unsigned long fib(unsigned n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv) {
  atexit(bye);
  printf("READY\n");
  fflush(stdout);
  printf("fib %lu\n", fib(argc > 1 ? (unsigned)atoi(argv[1]) : 90));
  return 0;
}
