// A nocancel loop runs to its end before ^C lands: the request waits for
// the first point after the loop (the next loop's), then the program
// reports and exits 130.  Without the word, ^C would end the first loop.
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %interrupt --timeout 20 -- %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %interrupt --timeout 20 -- %t.O2 | FileCheck %s
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}nocancel loop ran to its end: 60000000{{$}}
// CHECK-NEXT: {{^}}atexit handler ran{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT in spin{{( \(.*\))?$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
#include <cancelpoints.h>
#include <stdio.h>
#include <stdlib.h>

static void bye(void) { printf("atexit handler ran\n"); }

volatile long sink;

__attribute__((noinline)) long work(void) {
  long i;
  [[cancelpoints::nocancel]] for (i = 0; i < 60000000; i++) sink = i;
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
  printf("nocancel loop ran to its end: %ld\n", work());
  fflush(stdout);
  spin();
  return 0;
}
