/* cpcc tests: a program whose loop runs until ^C, and a function with a
 * loop that nothing calls, for a link with --gc-sections. */
#include <stdio.h>

unsigned long unused_walk(const unsigned long *p) {
  unsigned long s = 0;
  while (p) {
    s += p[1];
    p = (const unsigned long *)p[0];
  }
  return s;
}

static unsigned long churn(unsigned long x, unsigned long n) {
  for (unsigned long i = 0; i < n; i++)
    x = (x ^ (x >> 31)) * 0x94d049bb133111ebUL + i;
  return x;
}

int main(int argc, char **argv) {
  (void)argv;
  printf("READY\n");
  fflush(stdout);
  printf("churn %lu\n", churn((unsigned long)argc, ~0UL));
  return 0;
}
