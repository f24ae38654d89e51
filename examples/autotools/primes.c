/* examples/cmake, examples/autotools: counts primes until ^C.  Built with the
 * cancelpoints plugin, ^C stops the loop at a point: the atexit handler then
 * prints a count and a last prime that belong together, and stdout is
 * flushed.  Built without it, ^C kills the program and nothing is printed. */
#include <stdio.h>
#include <stdlib.h>

static unsigned long count, last;

static void report(void) { printf("%lu primes, the last %lu\n", count, last); }

static int is_prime(unsigned long n)
{
  if (n < 2)
    return 0;
  for (unsigned long d = 2; d * d <= n; d++)
    if (n % d == 0)
      return 0;
  return 1;
}

int main(void)
{
  atexit(report);
  printf("counting primes until ^C\n");
  fflush(stdout);
  for (unsigned long n = 2;; n++)
    if (is_prime(n)) {
      count++;
      last = n;
    }
}
