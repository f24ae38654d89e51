/* cpcc tests: an instrumented shared library (its loops poll the runtime
 * that the executable carries). */
#include <cancelpoints.h>

long shlib_sum(long n) {
  long s = 0;
  for (long i = 0; i < n; i++)
    s += i ^ (s >> 3);
  return s + cp_check();
}
