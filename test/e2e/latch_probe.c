// A probe loop that never finds its key (a full table): a small effect-free
// loop nested in a loop with effects, unrolled with its poll on the back
// edge (LatchPoll.h).  A long trip still passes a point every few
// iterations: ^C delivers within 250 ms.
// RUN: %cpcc -O2 -Rpass=cancelpoints -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %interrupt --max-latency-ms 250 -- %t.O2 | FileCheck %s
// REMARK: remark: poll on the back edge of the loop unrolled {{[0-9]+}} times {{.*}}: effect-free loop nested in a polled loop
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}atexit handler ran{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT in probe{{( \(.*\))?$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
#include <stdio.h>
#include <stdlib.h>

#define CAP 1024
static unsigned long table[CAP];
static unsigned long found[16];

static void bye(void) { printf("atexit handler ran\n"); }

__attribute__((noinline)) static void probe(const unsigned long *keys, int n) {
  for (int i = 0; i < n; i++) {
    unsigned long k = keys[i], h = k & (CAP - 1);
    while (table[h] != 0 && table[h] != k)
      h = (h + 1) & (CAP - 1);
    found[i & 15] = h;
  }
}

int main(int argc, char **argv) {
  atexit(bye);
  for (int i = 0; i < CAP; i++)
    table[i] = 2 * (unsigned long)i + 1; // full, odd keys only
  unsigned long keys[4] = {2, 4, 6, 8};  // never found
  printf("READY\n");
  fflush(stdout);
  probe(keys, argc > 1 ? atoi(argv[1]) : 4);
  printf("result %lu\n", found[0]);
  return 0;
}
