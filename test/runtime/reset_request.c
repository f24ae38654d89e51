// A thread spinning in an armed reset region is moved back to its point by a
// request from another thread: __cp_arm returns a second time, with 1, and
// the point sees the request (a poll, or cp_check in a region from cp_check).
// UNSUPPORTED under TSan: TSan runs a signal's handler only when the
// thread enters one of its interceptors: the reset signal reaches the
// spinning thread late or never.
// UNSUPPORTED: tsan
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %t poll | FileCheck --check-prefix=POLL %s
// RUN: %t check | FileCheck --check-prefix=CHECK %s
#include "Inputs/cp_emul.h"
#include <cancelpoints.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static int fds[2];
static volatile int rewinds, said;

static void *region_poll(void *arg)
{
  (void)arg;
  CP_CTX(ctx);
  int r = __cp_arm(&ctx);
  if (__cp_tls.poll != 0) { // the point
    cp_disarm(&ctx);
    printf("poll: arm returned %d, poll set, armed %s\n", r,
           __cp_tls.armed == NULL ? "cleared" : "left");
    return NULL;
  }
  if (!said) {
    said = 1;
    if (write(fds[1], "r", 1) != 1)
      return NULL;
  }
  unsigned long x = 88172645463325252UL;
  for (;;) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
  }
}

static void *region_check(void *arg)
{
  (void)arg;
  CP_CTX(ctx);
  if (__cp_arm(&ctx))
    rewinds++;
  if (cp_check() != 0) { // the point
    int e = errno;
    cp_disarm(&ctx);
    printf("check: cp_check -1 %s after %d rewind(s)\n", strerror(e), rewinds);
    return NULL;
  }
  if (!said) {
    said = 1;
    if (write(fds[1], "r", 1) != 1)
      return NULL;
  }
  for (;;) {
  }
}

int main(int argc, char **argv)
{
  alarm(60); /* a broken runtime must fail, not hang */
  pthread_t t;
  char c;
  if (argc < 2 || pipe(fds))
    return 2;
  if (pthread_create(&t, NULL, strcmp(argv[1], "poll") ? region_check : region_poll, NULL) ||
      read(fds[0], &c, 1) != 1)
    return 1;
  cp_cancel_process();
  pthread_join(t, NULL);
  printf("joined\n");
  return 0;
}
// POLL: poll: arm returned 1, poll set, armed cleared
// POLL-NEXT: joined
// CHECK: check: cp_check -1 Operation canceled after 1 rewind(s)
// CHECK-NEXT: joined
