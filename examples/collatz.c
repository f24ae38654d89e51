/* collatz.c - the longest Collatz chain below N.
 *
 * For every n in [1, N), count the steps of n -> n/2 (n even), 3n+1 (n odd)
 * until 1, and keep the n with the longest chain.  Nothing in the search
 * calls cp_check() or anything else of cancelpoints: it is plain C.  With the
 * default N it runs for many minutes, so you will want ^C.
 *
 *   build/bin/cpcc -O2 examples/collatz.c -o collatz && ./collatz [N]
 *
 * Built with cpcc, ^C stops the search at its next loop header: stdout is
 * flushed, the atexit handler runs, a one-line report says where it stopped,
 * and the exit status is 130.  Built with plain clang, ^C kills it: whatever
 * sat in the stdout buffer is lost and no atexit handler runs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Steps from n to 1.  Every n ever tried reaches 1.  For n below 10^10 every
 * value on the way fits in 64 bits (the highest, about 1.8e19, is reached
 * from 8528817511); past that, 3n+1 can overflow. */
static unsigned steps(uint64_t n) {
  unsigned s = 0;
  while (n != 1) {
    n = (n & 1) ? 3 * n + 1 : n / 2;
    s++;
  }
  return s;
}

static void goodbye(void) { printf("collatz: goodbye (atexit handler)\n"); }

int main(int argc, char **argv) {
  uint64_t limit = argc > 1 ? strtoull(argv[1], NULL, 0) : 10000000000ULL;
  atexit(goodbye);
  printf("searching up to %llu...\n", (unsigned long long)limit);

  uint64_t best_n = 1;
  unsigned best = 0;
  for (uint64_t n = 1; n < limit; n++) {
    unsigned s = steps(n);
    if (s > best) {
      best = s;
      best_n = n;
    }
  }
  printf("longest chain below %llu: %llu, %u steps\n", (unsigned long long)limit,
         (unsigned long long)best_n, best);
  return 0;
}
