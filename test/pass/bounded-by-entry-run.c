// The vectoriser's scalar loops given no point for their bound, found edge
// by edge into their preheader (Bounds.cpp, RangeFinder::byEntryEdge), stay
// within it: built with -cancelpoints-check-bounds, every loop so bounded
// traps on the iteration past its bound, and the loops below (a do-while
// over an unsigned count, a for over an int, bytes from a start other than
// 0 with a vector epilogue, a reduction, and two arrays that may overlap)
// run over every count from 0 to 70 and longer ones, and print what plain
// clang's build prints.  The remarks show the bounds were used.
// RUN: %clang -O2 %s -o %t.plain
// RUN: %t.plain > %t.expected
// RUN: %cpcc -O2 -c %s -o %t.o -Rpass=cancelpoints 2>&1 | FileCheck %s
// RUN: %cpcc -O2 -mllvm -cancelpoints-check-bounds %s -o %t.checked
// RUN: timeout 60 %t.checked | diff %t.expected -
// CHECK-COUNT-4: (on each way in, by where it starts and the branch taken)
// CHECK-NOT: (on each way in
#include <stdio.h>
#include <stdlib.h>

#define NOINLINE __attribute__((noinline))

// zlib's slide_hash: a do-while over an unsigned count, backwards.
NOINLINE void slide(unsigned short *head, unsigned n, unsigned w)
{
  unsigned short *p = &head[n];
  do {
    unsigned m = *--p;
    *p = (unsigned short)(m >= w ? m - w : 0);
  } while (--n);
}

// A for loop over an int count, forwards.
NOINLINE void scale(int *a, int n, int k)
{
  for (int i = 0; i < n; i++)
    a[i] = a[i] * k + 1;
}

// Two arrays that may overlap: the overlap check enters the scalar loop
// from its start.
NOINLINE void add(int *d, const int *s, long n)
{
  for (long i = 0; i < n; i++)
    d[i] += s[i];
}

// Two arrays that may not overlap, bytes, a start other than 0.
NOINLINE void xor_from(unsigned char *restrict d,
                       const unsigned char *restrict s, size_t from, size_t n)
{
  for (size_t i = from; i < n; i++)
    d[i] ^= s[i];
}

// A reduction: no store at all.
NOINLINE unsigned sum(const unsigned *a, unsigned n)
{
  unsigned t = 0;
  for (unsigned i = 0; i < n; i++)
    t += a[i] * a[i];
  return t;
}

int main(void)
{
  enum { N = 1100 };
  static unsigned short h[N];
  static int a[N], b[N];
  static unsigned char c[N], d[N];
  static unsigned u[N];
  unsigned long x = 0;
  for (int i = 0; i < N; i++)
    h[i] = (unsigned short)(i * 7919), a[i] = i, b[i] = 3 * i,
    c[i] = (unsigned char)i, d[i] = (unsigned char)(i * 5), u[i] = i;
  for (unsigned n = 0; n <= N; n += n < 70 ? 1 : 97) {
    if (n)
      slide(h, n, 300);
    scale(a, (int)n, 3);
    add(a, b, n);
    add(a + 1, a, n ? n - 1 : 0); // overlapping
    for (size_t from = 0; from < 20 && from <= n; from += 3)
      xor_from(c, d, from, n);
    x = x * 31 + sum(u, n);
  }
  for (int i = 0; i < N; i++)
    x = x * 31 + h[i] + a[i] + c[i];
  printf("%lx\n", x);
  return 0;
}
