// A loop calling a reset_safe function from a library built with plain
// clang: the loop is a reset region around the call, so ^C resets the
// thread out of the library function (which runs for seconds) within
// 250 ms.  Without the word the call is an effect, the loop polls, and ^C
// waits for the call to return.
// RUN: %clang -O2 -c %S/Inputs/slow_hash.c -o %t.hash.o
// RUN: %cpcc -O0 %s %t.hash.o -o %t.O0
// RUN: %interrupt --max-latency-ms 250 -- %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s %t.hash.o -o %t.O2
// RUN: %interrupt --max-latency-ms 250 -- %t.O2 | FileCheck %s
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}atexit handler ran{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT in {{[a-z_]+}}{{( \(.*\))?$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
#include <cancelpoints.h>
#include <stdio.h>
#include <stdlib.h>

static void bye(void) { printf("atexit handler ran\n"); }

[[cancelpoints::reset_safe]] unsigned slow_hash(unsigned x);

__attribute__((noinline)) unsigned chain(unsigned n) {
  unsigned x = 1;
  for (unsigned i = 0; i < n; i++)
    x = slow_hash(x + i);
  return x;
}

int main(int argc, char **argv) {
  (void)argv;
  atexit(bye);
  printf("READY\n");
  fflush(stdout);
  printf("chain %u\n", chain(1000u + (unsigned)argc));
  return 0;
}
