/* cpcc tests: a program with a loop, using the runtime's header. */
#include <cancelpoints.h>
#include <stdio.h>

int twice(int);

int main(int argc, char **argv) {
  (void)argv;
  long sum = 0;
  for (int i = 0; i < 1000 * argc; i++)
    sum += twice(i);
  printf("hello %ld\n", sum);
  return 0;
}
