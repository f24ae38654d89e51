/* cpcc tests: an inline function with a loop, defined in two objects (one
 * comdat copy survives the link). */
#include <cstdio>

__attribute__((noinline)) inline unsigned long scramble(unsigned long x, unsigned long n) {
  for (unsigned long i = 0; i < n; i++)
    x = (x ^ (x >> 27)) * 0xbf58476d1ce4e5b9UL + i;
  return x;
}

unsigned long other(unsigned long x);
