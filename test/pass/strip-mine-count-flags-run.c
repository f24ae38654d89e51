// The program make fuzz found (pure flavour, -O2 -flto), as creduce left
// it, reformatted: a do-while loop counted by `++i0 < 20` inside two other
// loops, around a pure recursive function.  Strip-mining rebased the
// counter and kept its step's nuw; the last step wraps, the exit test
// branched on poison, and LTO's second optimiser made the loop endless
// (strip-mine-count-flags.ll).  cpcc's build ends and prints what plain
// clang's prints.  (No chaos run: the loop runs for microseconds and no
// reset would land in it; the law is test/law's.)
// RUN: %clang -O2 %s -o %t.plain
// RUN: %t.plain 19 1 > %t.expected
// RUN: %cpcc -O2 -flto %s -o %t.lto
// RUN: timeout 60 %t.lto 19 1 | diff %t.expected -
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static const uint32_t P19_t0[1];

static uint64_t P19_rec(uint64_t x, uint64_t d)
{
  if (d == 0)
    return x * 0x9e3779b97f4a7c15ULL;
  return P19_rec(0, d - 1) + 0;
}

__attribute__((noinline)) static uint64_t P19_work(uint64_t x, uint64_t n)
{
  uint64_t a0 = x, h0[2], s[16];
  for (unsigned k = 0; k < 16; k++)
    s[k] = x + k;
  for (uint64_t i = 0; i < n; i++) {
    uint64_t i0 = 0;
    do
      for (uint64_t i1 = 0; i1 < 3; i1++) {
        h0[0] = P19_rec(x, 6);
        h0[1] = P19_rec(P19_t0[0 & 63], 6);
        a0 ^= h0[(0 ^ (a0 - x)) & 1];
      }
    while (++i0 < 20 && 0 != 77);
  }
  return a0 ^ s[x & 15];
}

uint64_t P19_result;

int main(int argc, char **argv)
{
  int which = argc > 1 ? atoi(argv[1]) : 0;
  uint64_t scale = argc > 2 ? strtoull(argv[2], 0, 0) : 1;
  if (which == 19) {
    P19_result = P19_work(724956499679ULL, 5087ULL * scale);
    printf("P19 %016llx\n", (unsigned long long)P19_result);
  }
  return 0;
}
