// A loop that fills an array with a value that need not be a byte pattern
// stays a loop (no memset): its marker, placed before it in the first phase
// so that a byte-pattern fill could become a memset (StridedStores.h),
// comes back to its header, and ^C is delivered inside it, not at the
// caller's loop once a fill is done: the report names fill, at -O0 and -O2.
// RUN: %cpcc -O2 -Rpass=cancelpoints -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %interrupt --max-latency-ms 250 -- %t.O2 | FileCheck %s
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %interrupt --max-latency-ms 250 -- %t.O0 | FileCheck %s
// REMARK: fill_loop.c:{{3[01]}}:{{.*}} remark: poll once every 256 iterations of counted loop
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}atexit handler ran{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT in fill{{( \(.*\))?$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
#include <stdio.h>
#include <stdlib.h>

#define WORDS (64u << 20) /* 256 MiB: each fill takes tens of milliseconds */

static void bye(void) { printf("atexit handler ran\n"); }

__attribute__((noinline)) static void fill(unsigned *p, unsigned v, unsigned long n) {
  static int started;
  if (!started) { /* here, not in main: main's loop has a point of its own */
    started = 1;
    printf("READY\n");
    fflush(stdout);
  }
  for (unsigned long i = 0; i < n; i++)
    p[i] = v;
}

int main(int argc, char **argv) {
  (void)argv;
  unsigned *buf = malloc(WORDS * sizeof *buf);
  if (!buf)
    return 1;
  atexit(bye);
  for (unsigned v = (unsigned)argc;; v = v * 2654435761u + 1)
    fill(buf, v, WORDS);
}
