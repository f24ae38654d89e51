// A small effect-free loop has its first iterations peeled off before its
// reset region (RegionPeel.h).  Short walks (one or two nodes) find what
// plain clang's build finds without arming, also under chaos mode; a walk around a cycle that
// never ends runs its peeled iterations, then the region, and ^C delivers
// within 250 ms by rewinding it.
// RUN: %clang -O2 %s -o %t.plain
// RUN: %cpcc -O2 -Rpass=cancelpoints -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %t.plain 1 | FileCheck %s --check-prefix=SHORT
// RUN: %t.O2 1 | FileCheck %s --check-prefix=SHORT
// RUN: env CANCELPOINTS_CHAOS=100 %t.O2 1 | FileCheck %s --check-prefix=SHORT
// RUN: %interrupt --max-latency-ms 250 -- %t.O2 | FileCheck %s
// REMARK: remark: reset region armed before effect-free loop (out of line in 'find{{.*}}') after its first {{[1-6]}} iterations (peeled)
// SHORT: found 1000000 of 1000000
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT in find{{( \(.*\))?$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
#include <stdio.h>
#include <stdlib.h>

struct node {
  long key;
  int next; /* index of the next node of the chain, -1 at its end */
};

static struct node nodes[4096];

__attribute__((noinline)) static int find(int i, long key)
{
  while (nodes[i].key != key) {
    i = nodes[i].next;
    if (i < 0)
      return -1;
  }
  return i;
}

int main(int argc, char **argv)
{
  int short_walks = argc > 1;
  for (int i = 0; i < 4096; i++) { /* chains of two: i -> i+1 (odd) -> end */
    nodes[i].key = i;
    nodes[i].next = i % 2 == 0 ? i + 1 : -1;
  }
  if (short_walks) {
    long found = 0;
    for (long n = 0; n < 1000000; n++) {
      int at = (int)(n % 2048) * 2;
      found += find(at, at + (n & 1)) >= 0;
    }
    printf("found %ld of 1000000\n", found);
    return 0;
  }
  /* one chain through every node and back: a walk that never ends */
  for (int i = 0; i < 4096; i++)
    nodes[i].next = (i + 1) % 4096;
  printf("READY\n");
  fflush(stdout);
  printf("found %d\n", find(0, -1));
  return 0;
}
