// A thread blocked in a write to a full pipe is not at a safe place to end
// the process: the write may be one piece of a longer one of the program's
// (here stdio's buffer of whole records), and exit's flush would block on
// the same pipe.  So the request does not cut the write: the program goes
// on waiting (no report), and once the reader drains the pipe the write
// completes and the next point delivers as usual: every record on the pipe
// is whole, the report names the loop, exit 130.
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %python %S/Inputs/prompt_driver.py --marker-on stderr --late-stdout --blocked 1 --alive-ms 500 --lines "record [0-9]{8} x{80}" -- %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %python %S/Inputs/prompt_driver.py --marker-on stderr --late-stdout --blocked 1 --alive-ms 500 --lines "record [0-9]{8} x{80}" -- %t.O2 | FileCheck %s
// CHECK: {{^}}alive after 500 ms: yes{{$}}
// CHECK-NEXT: {{^}}stdout: {{[1-9][0-9]*}} lines, 0 not matching, last line complete: yes{{$}}
// CHECK-NEXT: {{^}}stderr: READY{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT in main{{( \(write_full.c:[0-9]+\))?$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
// CHECK-NOT: error:
#include <stdio.h>
#include <string.h>

int main(void) {
  char pad[81];
  memset(pad, 'x', 80);
  pad[80] = 0;
  fprintf(stderr, "READY\n");
  for (unsigned long i = 0;; i++) // stdio writes whole buffers, not records
    printf("record %08lu %s\n", i % 100000000, pad);
  return 0;
}
