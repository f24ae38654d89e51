// cp_check and cp_check_graceful: 0 when idle, -1/ECANCELED once the process
// is cancelled; cancelling with no implicit point exits normally.
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %t | FileCheck %s
#include <cancelpoints.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
  // CHECK: version 100
  printf("version %d\n", CANCELPOINTS_VERSION);
  // CHECK: idle: 0 0
  printf("idle: %d %d\n", cp_check(), cp_check_graceful());
  int64_t t0 = cp_now(), t1 = cp_now();
  // CHECK: now: ok
  printf("now: %s\n", t0 > 0 && t1 >= t0 ? "ok" : "bad");
  cp_cancel_process();
  errno = 0;
  int r = cp_check();
  // CHECK: cp_check: -1 Operation canceled
  printf("cp_check: %d %s\n", r, strerror(errno));
  errno = 0;
  r = cp_check_graceful();
  // CHECK: cp_check_graceful: -1 Operation canceled
  printf("cp_check_graceful: %d %s\n", r, strerror(errno));
  // CHECK: again: -1
  printf("again: %d\n", cp_check());
  return 0;
}
