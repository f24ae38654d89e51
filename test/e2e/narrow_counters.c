// Loops counted in narrow types, whose 256-step chunk would not fit the
// counter: uint8_t from 10 to 40, uint8_t by 5 wrapping once, uint16_t by
// 300, unsigned by 2^24+1.  Built with the pass (and with its small-loop
// rule off and three induction variables allowed, so that they are
// strip-mined), they run the same iterations as
// plain clang's build: none hangs, none runs past its end.
// RUN: %clang -O2 %s -o %t.plain
// RUN: %cpcc -O2 %s -o %t.cp
// RUN: %clang -O2 -fpass-plugin=%plugin -Xclang -load -Xclang %plugin -mllvm -cancelpoints-bounded-work=0 -mllvm -cancelpoints-strip-mine-ivs=3 %s -o %t.strip %rt_libs
// RUN: %t.plain 10 40 | FileCheck %s
// RUN: %t.cp 10 40 | FileCheck %s
// RUN: %t.strip 10 40 | FileCheck %s
// CHECK: u8 step 1: 30
// CHECK-NEXT: u8 step 5: 51
// CHECK-NEXT: u16 step 300: 150
// CHECK-NEXT: u32 step 2^24+1: 300
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static unsigned char buf[65536 + 1];

__attribute__((noinline)) static int u8step1(unsigned char a, unsigned char b)
{
  int n = 0;
  for (unsigned char i = a; i != b; i++, n++)
    buf[i + 1] = (unsigned char)(buf[i] * 3 + 1);
  return n;
}

__attribute__((noinline)) static int u8step5(unsigned char a, unsigned char b)
{
  int n = 0;
  for (unsigned char i = a; i != b; i += 5, n++) /* 1, 6, ..., 251, 0 */
    buf[i] += 7;
  return n;
}

__attribute__((noinline)) static int u16step300(uint16_t a, uint16_t b)
{
  int n = 0;
  for (uint16_t i = a; i != b; i += 300, n++)
    buf[i] += 1;
  return n;
}

__attribute__((noinline)) static int u32big(unsigned a, unsigned b)
{
  int n = 0;
  for (unsigned i = a; i != b; i += (1u << 24) + 1, n++)
    buf[i % 65536] += 1;
  return n;
}

int main(int argc, char **argv)
{
  int lo = argc > 2 ? atoi(argv[1]) : 10, hi = argc > 2 ? atoi(argv[2]) : 40;
  printf("u8 step 1: %d\n", u8step1((unsigned char)lo, (unsigned char)hi));
  printf("u8 step 5: %d\n", u8step5((unsigned char)(lo - 9), 0));
  printf("u16 step 300: %d\n", u16step300(0, (uint16_t)(300 * (hi + 110))));
  printf("u32 step 2^24+1: %d\n", u32big(0, ((1u << 24) + 1) * (unsigned)(hi * 7 + 20)));
  return 0;
}
