// The program make fuzz found (pure flavour, reduced by hand): each
// iteration fills a local array whole, then reads one slot of it.  With the
// slots' addresses hoisted out of the loop, the outlined region got them as
// inputs, and the pass sank their stores to its return (outline-input-slot.ll):
// at -O1 and above the loop read stale slots and printed another number.
// cpcc's build, in chaos mode too, prints what plain clang's prints.
// RUN: %clang -O1 %s -o %t.plain
// RUN: %t.plain 1000000 > %t.expected
// RUN: %cpcc -O1 %s -o %t.O1
// RUN: %t.O1 1000000 | diff %t.expected -
// RUN: env CANCELPOINTS_CHAOS=50 %t.O1 1000000 | diff %t.expected -
// RUN: %cpcc -O3 %s -o %t.O3
// RUN: %t.O3 1000000 | diff %t.expected -
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static uint64_t work(uint64_t x, uint64_t n)
{
  uint64_t a1 = x * 3 + 1, a2 = ~x;
  for (uint64_t i = 0; i < n; i++) {
    a2 += x;
    uint64_t t[4];
    t[0] = a2;
    t[1] = i;
    t[2] = a1 * 7;
    t[3] = a1 ^ i;
    a1 ^= t[(a2 + a1) & 3];
  }
  return a1 ^ (a2 << 2);
}

int main(int argc, char **argv)
{
  uint64_t n = argc > 1 ? strtoull(argv[1], 0, 0) : 1000;
  printf("%016llx\n", (unsigned long long)work(12345, n));
  return 0;
}
