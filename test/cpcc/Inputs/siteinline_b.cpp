/* cpcc tests: the second object with scramble. */
#include "siteinline.h"

__attribute__((noinline)) unsigned long other(unsigned long x) { return scramble(x, ~0UL); }
