// A loop that writes: it keeps a poll at its header, so delivery happens
// between two printf calls, never inside one.  Every line of the output is
// whole and none is missing, including those still in the stdio buffer.
// DEFINE: %{lines} = 'READY' '(?P<n>[0-9]+): the quick brown fox jumps over the lazy dog [0-9a-f]{16}' \
// DEFINE:   'atexit handler ran' 'stderr: cancelpoints: cancelled by SIGINT in main( \(.*\))?' \
// DEFINE:   'status: exit=130' 'latency_ms: [0-9.]+' 'signals_sent: 1'
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %interrupt --max-latency-ms 250 -- %t.O0 > %t.O0.out
// RUN: FileCheck %s < %t.O0.out
// RUN: %python %inputs/lines.py --sequence %t.O0.out %{lines} | FileCheck --check-prefix=LINES %s
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %interrupt --max-latency-ms 250 -- %t.O2 > %t.O2.out
// RUN: FileCheck %s < %t.O2.out
// RUN: %python %inputs/lines.py --sequence %t.O2.out %{lines} | FileCheck --check-prefix=LINES %s
// CHECK: {{^}}0: the quick brown fox
// CHECK: {{^}}1000: the quick brown fox
// CHECK-NEXT: {{^}}READY{{$}}
// CHECK: {{^}}atexit handler ran{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT in main
// CHECK-NEXT: {{^}}status: exit=130{{$}}
// LINES: numbered lines: some
// LINES-NEXT: bad lines: 0
#include <stdio.h>
#include <stdlib.h>

static void bye(void) { printf("atexit handler ran\n"); }

int main(void) {
  atexit(bye);
  unsigned long h = 0x9e3779b97f4a7c15UL;
  for (unsigned long i = 0;; i++) {
    h = (h ^ i) * 0xff51afd7ed558ccdUL;
    printf("%lu: the quick brown fox jumps over the lazy dog %016lx\n", i, h);
    if (i == 1000) { // well into the loop: the harness may signal now
      printf("READY\n");
      fflush(stdout);
    }
  }
}
