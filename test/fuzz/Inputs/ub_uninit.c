/* As ub_free.c, but it branches on an array slot never written. */
#include <stdio.h>

int main(int argc, char **argv)
{
  (void)argv;
  int a[4];
  a[0] = 1;
  if (a[argc & 3])
    puts("odd");
#ifndef NOT_PRINT_CHECKSUM
  puts("checksum");
#endif
  return 0;
}
