// A program at a prompt: fgets on a real terminal (a pty), so the thread
// waits in libc's read under stdio, code the pass never saw.  The first ^C
// ends it as plain clang's would, but as the root scope promises: one
// report line naming the wait, the atexit handler, stdout flushed, exit 130.
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %python %S/Inputs/prompt_driver.py --pty --marker "PROMPT> " --blocked 0 --max-latency-ms 1000 -- %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %python %S/Inputs/prompt_driver.py --pty --marker "PROMPT> " --blocked 0 --max-latency-ms 1000 -- %t.O2 | FileCheck %s
// CHECK: {{^}}tty: PROMPT> ^Ccancelpoints: cancelled by SIGINT while main waited in read (from fgets){{$}}
// CHECK-NEXT: {{^}}tty: buffered before the wait{{$}}
// CHECK-NEXT: {{^}}tty: atexit handler ran{{$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
// CHECK-NOT: error:
#include <stdio.h>
#include <stdlib.h>

static void bye(void) { printf("atexit handler ran\n"); }

int main(void) {
  char line[256];
  atexit(bye);
  setvbuf(stdout, NULL, _IOFBF, 4096); // flushed only by exit
  printf("buffered before the wait\n");
  fprintf(stderr, "PROMPT> ");
  while (fgets(line, sizeof line, stdin))
    printf("got %s", line);
  return 0;
}
