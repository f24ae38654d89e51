// An irreducible cycle (two entries, made of gotos): not a natural loop, but
// a CFG cycle all the same, so it gets a point and stops at ^C.
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %interrupt --max-latency-ms 250 -- %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %interrupt --max-latency-ms 250 -- %t.O2 | FileCheck %s
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}atexit handler ran{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT in tangle{{( \(.*\))?$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
#include <stdio.h>
#include <stdlib.h>

static void bye(void) { printf("atexit handler ran\n"); }

__attribute__((noinline)) unsigned long tangle(unsigned long x, unsigned long stop) {
  if (x & 1)
    goto b;
a:
  x = x * 3 + 1;
  if (x == stop)
    return x;
  if (x & 8)
    goto b;
  goto a;
b:
  x ^= x >> 3;
  x += 0x9e3779b97f4a7c15UL;
  if (x == stop)
    return x;
  if (x & 16)
    goto a;
  goto b;
}

int main(int argc, char **argv) {
  atexit(bye);
  printf("READY\n");
  fflush(stdout);
  printf("tangle %lu\n", tangle((unsigned long)argc, argc > 1 ? strtoul(argv[1], 0, 0) : 1));
  return 0;
}
