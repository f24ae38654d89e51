// Binary searches given no point for their bound (Bisection.h) stay within
// it: built with -cancelpoints-check-bounds, every loop so bounded traps on
// the iteration past its bound, and the searches below (four forms, over
// arrays of 0 to 5000 keys with duplicates, keys before, between, on and
// past them, and the widest int intervals) end and print what plain
// clang's build prints.  The remarks show the bounds were used.
// RUN: %clang -O2 %s -o %t.plain
// RUN: %t.plain > %t.expected
// RUN: %cpcc -O2 -c %s -o %t.o -Rpass=cancelpoints 2>&1 | FileCheck %s
// RUN: %cpcc -O2 -mllvm -cancelpoints-check-bounds %s -o %t.checked
// RUN: timeout 60 %t.checked | diff %t.expected -
// CHECK-COUNT-4: (a binary search: its interval halves)
#include <limits.h>
#include <stdio.h>

static int found;

// while (lo <= hi), the two ways merged at the latch.
__attribute__((noinline)) static int search(const long *a, int n, long key)
{
  int lo = 0, hi = n - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (a[mid] < key)
      lo = mid + 1;
    else if (a[mid] > key)
      hi = mid - 1;
    else {
      found++;
      return mid;
    }
  }
  return -1;
}

// sqlite3's b-tree search: the first index is chosen, each way tests.
__attribute__((noinline)) static int moveto(const long *a, int n, long key,
                                            int bias)
{
  int lwr = 0, upr = n - 1, idx = upr >> (1 - bias);
  for (;;) {
    long k = a[idx];
    if (k < key) {
      lwr = idx + 1;
      if (lwr > upr)
        return -1;
    } else if (k > key) {
      upr = idx - 1;
      if (lwr > upr)
        return 1;
    } else {
      found += idx & 1;
      return 0;
    }
    idx = (lwr + upr) >> 1;
  }
}

// sqlite3's index search: `lwr > upr` tested after both ways.
__attribute__((noinline)) static int index_moveto(const long *a, int n,
                                                  long key)
{
  int lwr = 0, upr = n - 1, idx = upr >> 1;
  for (;;) {
    long k = a[idx];
    int c = (k > key) - (k < key);
    if (c < 0)
      lwr = idx + 1;
    else if (c > 0)
      upr = idx - 1;
    else {
      found += 2;
      return idx;
    }
    if (lwr > upr)
      break;
    idx = (lwr + upr) >> 1;
  }
  return -1 - lwr;
}

// A lower bound over any unsigned interval.
__attribute__((noinline)) static unsigned lower_bound(unsigned lo,
                                                      unsigned hi,
                                                      unsigned key)
{
  while (lo < hi) {
    unsigned mid = lo + (hi - lo) / 2;
    if (mid < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  found += lo == key;
  return lo;
}

int main(void)
{
  static long a[5000];
  unsigned long h = 0;
  for (int n = 1; n <= 5000; n = n * 3 / 2 + 1) {
    for (int i = 0; i < n; i++)
      a[i] = 2L * (i / 3); // duplicates in threes, even keys
    for (long key = -2; key <= 2L * (n / 3) + 2; key += 1 + n / 50) {
      h = h * 31 + (unsigned)search(a, n, key);
      h = h * 31 + (unsigned)moveto(a, n, key, 0);
      h = h * 31 + (unsigned)moveto(a, n, key, 1);
      h = h * 31 + (unsigned)index_moveto(a, n, key);
    }
  }
  unsigned keys[] = {0, 1, 7, 1u << 31, UINT_MAX - 1, UINT_MAX};
  for (unsigned k = 0; k < sizeof keys / sizeof *keys; k++) {
    h = h * 31 + lower_bound(0, UINT_MAX, keys[k]);
    h = h * 31 + lower_bound(keys[k], keys[k], keys[k]);
    h = h * 31 + lower_bound(0, keys[k], keys[k] / 2);
  }
  printf("hash %lx, found %d\n", h, found);
  return 0;
}
