/* What a poll page left protected at a thread's exit does: the thread
 * exits with its thread-local page PROT_NONE (a request was pending and it
 * reached no point), glibc caches its stack, and the next pthread_create
 * reuses it: glibc initialises the new thread's thread-locals
 * (_dl_allocate_tls_init's memset) in the creating thread, which faults.
 *   cc -O2 -pthread thread_exit.c -o thread_exit && ./thread_exit
 * Prints the first line, then dies of SIGSEGV in pthread_create.       */
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>

static _Thread_local char poll_page[4096] __attribute__((aligned(4096)));

static void *exits_protected(void *arg)
{
  (void)arg;
  mprotect(poll_page, sizeof poll_page, PROT_NONE);
  return poll_page;
}

static void *second(void *arg)
{
  (void)arg;
  return poll_page;
}

int main(void)
{
  pthread_t t;
  void *first_page, *second_page;
  pthread_create(&t, NULL, exits_protected, NULL);
  pthread_join(t, &first_page);
  fprintf(stderr, "first thread's page %p; creating the second thread\n", first_page);
  pthread_create(&t, NULL, second, NULL);
  pthread_join(t, &second_page);
  fprintf(stderr, "second thread's page %p\n", second_page);
  return 0;
}
