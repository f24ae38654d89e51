// cp_check() is an explicit point: it returns -1 with errno ECANCELED and
// never jumps.  Here each iteration spends about a second in heavy_const,
// an effect-free function compiled without the plugin (heavy_const_ready
// prints READY as it starts, so the signal lands inside it).  The reset
// rewinds the thread to the cp_check() call, which returns -1 at once - the
// program prints and exits 3 within 250 ms instead of finishing heavy_const.
// RUN: %clang -O2 -c %inputs/uninstrumented.c -o %t.un.o
// RUN: %cpcc -O0 %s %t.un.o -o %t.O0
// RUN: %interrupt --max-latency-ms 250 -- %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s %t.un.o -o %t.O2
// RUN: %interrupt --max-latency-ms 250 -- %t.O2 | FileCheck %s
// The control: with polls only (no regions), the same program sees the
// request only once heavy_const has returned, about a second later (its
// bound is not scaled with the load: a loaded machine only makes it later).
// RUN: env CANCELPOINTS_PASS_MODE=poll %cpcc -O2 %s %t.un.o -o %t.poll
// RUN: env CP_LATENCY_SCALE=1 not %interrupt --max-latency-ms 250 -- %t.poll | FileCheck --check-prefix=POLL %s
// POLL: {{^}}READY{{$}}
// POLL: {{^}}error: latency {{.*}} exceeds the bound of 250 ms{{$}}
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}cancelled errno=ECANCELED{{$}}
// CHECK-NEXT: {{^}}status: exit=3{{$}}
#include <cancelpoints.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

__attribute__((const)) unsigned long heavy_const_ready(unsigned long, unsigned long);

int main(int argc, char **argv) {
  unsigned long x = (unsigned long)argc, iters = argc > 1 ? strtoul(argv[1], 0, 0) : 1000000000UL;
  for (;;) {
    if (cp_check() != 0) {
      printf("cancelled errno=%s\n", errno == ECANCELED ? "ECANCELED" : "other");
      exit(3);
    }
    x = heavy_const_ready(x, iters);
    if (x == 42) // keeps x (and so every call) live
      break;
  }
  printf("x %lu\n", x);
  return 0;
}
