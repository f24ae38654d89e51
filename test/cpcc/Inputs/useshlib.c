/* cpcc tests: an executable that links an instrumented shared library. */
#include <stdio.h>

long shlib_sum(long n);

int main(void) {
  printf("shlib %ld\n", shlib_sum(100000));
  return 0;
}
