/* cpcc tests: a shared library whose loop runs until ^C.  Built with
 * cpcc -shared: it has points but no runtime of its own. */
#include <cancelpoints.h>

unsigned long spin(unsigned long x, unsigned long n) {
  for (unsigned long i = 0; i < n; i++)
    x = (x ^ (x >> 29)) * 0xbf58476d1ce4e5b9UL + i;
  return x + (unsigned long)cp_check();
}
