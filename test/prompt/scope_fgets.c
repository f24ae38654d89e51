// A scope of the program's own around a wait outside instrumented code is
// not ended by a request (scopes never unwind through libc's frames): the
// ^C waits for the next point, after fgets returns.  Here the prompt gets a
// line 300 ms after the ^C, the loop's point delivers (to the root: the
// request is the root's), report, atexit, exit 130.
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %python %S/Inputs/prompt_driver.py --pty --marker "PROMPT> " --blocked 0 --alive-ms 300 --send 'a line\n' -- %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %python %S/Inputs/prompt_driver.py --pty --marker "PROMPT> " --blocked 0 --alive-ms 300 --send 'a line\n' -- %t.O2 | FileCheck %s
// CHECK: {{^}}alive after 300 ms: yes{{$}}
// CHECK-NEXT: {{^}}tty: PROMPT> ^Ca line{{$}}
// CHECK-NEXT: {{^}}tty: cancelpoints: cancelled by SIGINT in read_lines{{( \(scope_fgets.c:[0-9]+\))?$}}
// CHECK-NEXT: {{^}}tty: got a line{{$}}
// CHECK-NEXT: {{^}}tty: atexit handler ran{{$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
// CHECK-NOT: error:
#include <cancelpoints.h>
#include <stdio.h>
#include <stdlib.h>

static void bye(void) { printf("atexit handler ran\n"); }

static void read_lines(void *arg) {
  (void)arg;
  char line[256];
  fprintf(stderr, "PROMPT> ");
  while (fgets(line, sizeof line, stdin))
    printf("got %s", line);
}

int main(void) {
  atexit(bye);
  setvbuf(stdout, NULL, _IOFBF, 4096);
  cp_scope *s = cp_scope_create();
  int r = cp_scope_run(s, read_lines, NULL);
  printf("scope returned %d\n", r);
  return 0;
}
