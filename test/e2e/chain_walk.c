// A hash chain walk in zlib's shape: `do { compare up to 32 bytes } while
// ((cur = prev[cur]) > limit && --chain != 0)`, a loop nest strip-mined
// with its bounded inner loop inside each chunk (StripMine.h).  On a chain
// that cycles and a count of 2^32 - 1 it runs for minutes; ^C delivers
// within 250 ms.  A short walk finds what plain clang's build finds, also
// under chaos mode.
// RUN: %clang -O2 %s -o %t.plain
// RUN: %cpcc -O2 -Rpass=cancelpoints -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %t.plain 1000 | FileCheck %s --check-prefix=SHORT
// RUN: %t.O2 1000 | FileCheck %s --check-prefix=SHORT
// RUN: env CANCELPOINTS_CHAOS=100 %t.O2 1000 | FileCheck %s --check-prefix=SHORT
// RUN: %interrupt --max-latency-ms 250 -- %t.O2 | FileCheck %s
// REMARK: remark: poll once every {{[0-9]+}} iterations of counted loop: the loop has effects (store)
// SHORT: best 32 at 24583
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT in walk{{( \(.*\))?$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
#include <stdio.h>
#include <stdlib.h>

static unsigned short prev[65536];
static unsigned char win[65536 + 64];
static unsigned best_start;

__attribute__((noinline)) static int walk(unsigned cur, unsigned limit,
                                          unsigned chain,
                                          const unsigned char *scan)
{
  int best = 2;
  do {
    const unsigned char *m = win + cur;
    if (m[best] != scan[best] || m[0] != scan[0])
      continue;
    int len = 1;
    while (len < 32 && m[len] == scan[len])
      len++;
    if (len > best) {
      best_start = cur;
      best = len;
    }
  } while ((cur = prev[cur & 65535]) > limit && --chain != 0);
  return best;
}

int main(int argc, char **argv)
{
  unsigned chain = argc > 1 ? (unsigned)strtoul(argv[1], 0, 0) : ~0u;
  for (unsigned i = 0; i < sizeof win; i++)
    win[i] = (unsigned char)(i * 7 % 13);
  for (unsigned i = 0; i < 65536; i++) /* a cycle through every 4097th */
    prev[i] = (unsigned short)((i + 4097) & 65535 ? (i + 4097) & 65535 : 1);
  printf("READY\n");
  fflush(stdout);
  int best = walk(1, 0, chain, win + 13);
  printf("best %d at %u\n", best, best_start);
  return 0;
}
