/* lockpair.c - an uncontended pthread_mutex_lock/unlock pair in a loop.
 * Built with cpcc (the calls stay libc's; the pass records the lock inline
 * around them) and with plain clang; run.sh counts instructions per pair
 * with callgrind. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static unsigned long counter;

int main(int argc, char **argv)
{
  unsigned long n = argc > 1 ? strtoul(argv[1], 0, 0) : 1000000;
  for (unsigned long i = 0; i < n; i++) {
    pthread_mutex_lock(&m);
    counter++;
    pthread_mutex_unlock(&m);
  }
  printf("%lu\n", counter);
  return 0;
}
