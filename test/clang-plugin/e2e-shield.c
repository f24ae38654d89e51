// A shield function completes before ^C lands: its loop has a point, but
// requests are held while the function runs; the request lands at the first
// point after it returns.  Without the word, ^C would end its loop.
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %interrupt --timeout 20 -- %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %interrupt --timeout 20 -- %t.O2 | FileCheck %s
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}shield completed: 60000000{{$}}
// CHECK-NEXT: {{^}}atexit handler ran{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT in spin{{( \(.*\))?$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
#include <cancelpoints.h>
#include <stdio.h>
#include <stdlib.h>

static void bye(void) { printf("atexit handler ran\n"); }

volatile long sink;

CP_SHIELD __attribute__((noinline)) long commit(void) {
  long i;
  for (i = 0; i < 60000000; i++)
    sink = i;
  return i;
}

__attribute__((noinline)) void spin(void) {
  for (;;)
    sink++;
}

int main(void) {
  atexit(bye);
  printf("READY\n");
  fflush(stdout);
  printf("shield completed: %ld\n", commit());
  fflush(stdout);
  spin();
  return 0;
}
