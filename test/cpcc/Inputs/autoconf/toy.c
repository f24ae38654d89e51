/* The toy program: prints READY, then spins in a loop until ^C. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <math.h>

unsigned long mix(unsigned long x);

static void bye(void) { printf("toy: atexit\n"); }

int main(int argc, char **argv) {
  unsigned long x = argc > 1 ? strtoul(argv[1], NULL, 0) : 1, n = 0;
  atexit(bye);
  printf("READY sizeof(long)=%d cos(0)=%g\n", SIZEOF_LONG, cos(0.0));
  fflush(stdout);
  for (;;) {
    x = mix(x);
    if (++n == 0)
      break;
  }
  printf("%lu\n", x);
  return 0;
}
