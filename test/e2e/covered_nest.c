// A loop with no poll of its own: every iteration of the outer loop runs
// the header of the inner one, whose poll is its point too (FunctionPlan.cpp,
// dropCoveredPolls).  The inner loop runs one iteration most of the time, so
// the outer loop's iterations are where the time goes: ^C still delivers,
// within 250 ms, at -O0 and at -O2.
// RUN: %cpcc -O2 -Rpass=cancelpoints -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %interrupt --max-latency-ms 250 -- %t.O2 | FileCheck %s
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %interrupt --max-latency-ms 250 -- %t.O0 | FileCheck %s
// REMARK: remark: no point at loop header: every iteration passes the point of a loop nested in it
// REMARK: remark: poll at loop header: the loop has effects (store)
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}atexit handler ran{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT in mix{{( \(.*\))?$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
#include <stdio.h>
#include <stdlib.h>

static unsigned long table[64];

static void bye(void) { printf("atexit handler ran\n"); }

__attribute__((noinline)) static void mix(unsigned long seed, long rounds)
{
  for (long r = 0; r != rounds; r++) {
    unsigned long x = seed + (unsigned long)r;
    do { // one iteration in four goes round again
      x ^= x >> 33;
      x *= 0xff51afd7ed558ccdUL;
      x ^= x >> 29;
      x *= 0xc4ceb9fe1a85ec53UL;
      x ^= x >> 31;
      table[(x >> 7) & 63] += x;
      table[(x >> 13) & 63] ^= x >> 3;
      table[(x >> 19) & 63] -= x << 1;
    } while ((x & 3) == 0);
  }
}

int main(int argc, char **argv)
{
  atexit(bye);
  printf("READY\n");
  fflush(stdout);
  mix((unsigned long)argc, argc > 1 ? atol(argv[1]) : -1);
  printf("result %lu\n", table[0]);
  return 0;
}
