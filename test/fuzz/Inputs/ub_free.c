/* Interesting to the csmith selftest's repro.sh (its cpcc builds get
 * -DNOT_PRINT_CHECKSUM, so they print less) and free of undefined behaviour. */
#include <stdio.h>

static int twice(int x) { return 2 * x; }

int main(int argc, char **argv)
{
  (void)argv;
  printf("%d\n", twice(argc));
#ifndef NOT_PRINT_CHECKSUM
  puts("checksum");
#endif
  return 0;
}
