/* As ub_free.c, but a function falls off its end and its value is used. */
#include <stdio.h>

static int twice(int x) { if (x > 100) return 2 * x; }

int main(int argc, char **argv)
{
  (void)argv;
  printf("%d\n", twice(argc));
#ifndef NOT_PRINT_CHECKSUM
  puts("checksum");
#endif
  return 0;
}
