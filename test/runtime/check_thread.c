// A request made by one thread reaches another one spinning on cp_check.
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %t | FileCheck %s
#include <cancelpoints.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int fds[2];

static void *worker(void *arg)
{
  (void)arg;
  int before = cp_check();
  if (write(fds[1], "r", 1) != 1)
    return NULL;
  long spins = 0;
  while (cp_check() == 0)
    spins++;
  printf("worker: before=%d after=-1 %s\n", before, strerror(errno));
  return NULL;
}

int main(void)
{
  alarm(60); /* a broken runtime must fail, not hang */
  pthread_t t;
  char c;
  if (pipe(fds) || pthread_create(&t, NULL, worker, NULL) || read(fds[0], &c, 1) != 1)
    return 1;
  cp_cancel_process();
  pthread_join(t, NULL);
  // CHECK: worker: before=0 after=-1 Operation canceled
  // CHECK-NEXT: main: -1
  printf("main: %d\n", cp_check());
  return 0;
}
