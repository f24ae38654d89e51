// A loop whose only call is to an effect-free function compiled without the
// plugin (declared __attribute__((const))): the thread spends nearly all its
// time in code that has no points, yet ^C stops it within 250 ms, because
// the region extends across the call and the reset rewinds out of it.
// RUN: %clang -O2 -c %inputs/uninstrumented.c -o %t.un.o
// RUN: %cpcc -O0 %s %t.un.o -o %t.O0
// RUN: %interrupt --max-latency-ms 250 -- %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s %t.un.o -o %t.O2
// RUN: %interrupt --max-latency-ms 250 -- %t.O2 | FileCheck %s
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}atexit handler ran{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT in spin{{( \(.*\))?$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
#include <stdio.h>
#include <stdlib.h>

__attribute__((const)) unsigned long light_const(unsigned long);
__attribute__((const)) unsigned long heavy_const(unsigned long, unsigned long);

static void bye(void) { printf("atexit handler ran\n"); }

__attribute__((noinline)) static unsigned long spin(unsigned long x, unsigned long n) {
  for (unsigned long i = 0; i < n; i++)
    x = light_const(x) ^ heavy_const(x, 1000);
  return x;
}

int main(int argc, char **argv) {
  atexit(bye);
  printf("READY\n");
  fflush(stdout);
  printf("result %lu\n", spin((unsigned long)argc, argc > 1 ? strtoul(argv[1], 0, 0) : ~0UL));
  return 0;
}
