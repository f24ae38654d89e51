// A do-while loop entered with its counter at its end runs through the
// counter's whole range: 2^64 iterations of an unsigned long, forever in
// practice.  Strip-mined (StripMine.h), its first chunk must still end
// after a few hundred steps; it once ended only when the counter came back
// round, and no point ran after the first: ^C went unanswered.  It delivers
// within 250 ms.
// RUN: %cpcc -O2 -Rpass=cancelpoints -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %interrupt --max-latency-ms 250 -- %t.O2 | FileCheck %s
// REMARK: remark: poll once every {{[0-9]+}} iterations of counted loop: the loop has effects (store)
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT in fill{{( \(.*\))?$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
#include <stdio.h>
#include <stdlib.h>

static unsigned char buf[1024];

__attribute__((noinline)) static void fill(unsigned long from, unsigned long to)
{
  unsigned long i = from;
  do
    buf[i & 1023] ^= (unsigned char)(i >> 3);
  while (++i != to);
}

int main(int argc, char **argv)
{
  unsigned long at = argc > 1 ? strtoul(argv[1], 0, 0) : 5;
  printf("READY\n");
  fflush(stdout);
  fill(at, at); /* from the end to the end: the whole range */
  printf("not reached: %d\n", buf[7]);
  return 0;
}
