// A REPL whose per-command scope is the SIGINT target: three real ^C in a
// row each cancel the running command (graceful, then hard: the target's
// grace is 0) and the prompt comes back; the fourth command answers.  The
// SIGINT count starts again at each delivery, so the 3rd ^C does not kill.
// Built with cpcc: the command is an ordinary loop.
// RUN: %cpcc -O2 %s -o %t
// RUN: %interrupt --marker RUNNING --signals 3 --next-marker RUNNING -- %t | FileCheck %s
// RUN: %interrupt --env CANCELPOINTS_CHAOS=500 --marker RUNNING --signals 3 --next-marker RUNNING -- %t | FileCheck %s
#include <cancelpoints.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

static unsigned long collatz_steps(unsigned long n)
{
  unsigned long s = 0;
  while (n != 1) {
    n = n & 1 ? 3 * n + 1 : n / 2;
    s++;
  }
  return s;
}

static void command(void *a)
{
  int forever = *(int *)a;
  unsigned long best = 0;
  printf("RUNNING\n");
  fflush(stdout);
  for (unsigned long i = 1; forever || i < 100000; i++) {
    unsigned long s = collatz_steps(i);
    if (s > best)
      best = s;
  }
  printf("answer %lu\n", best);
}

int main(void)
{
  for (int cmd = 0; cmd < 4; cmd++) {
    cp_scope *s = cp_scope_create();
    cp_sigint_target(s);
    printf("> command %d\n", cmd);
    int forever = cmd < 3;
    int r = cp_scope_run(s, command, &forever);
    printf("command %d: %s\n", cmd, r == 0 ? "done" : strerror(errno));
    cp_scope_destroy(s);
  }
  printf("bye\n");
  return 0;
}
// CHECK: > command 0
// CHECK-NEXT: RUNNING
// CHECK-NEXT: command 0: Operation canceled
// CHECK-NEXT: > command 1
// CHECK-NEXT: RUNNING
// CHECK-NEXT: command 1: Operation canceled
// CHECK-NEXT: > command 2
// CHECK-NEXT: RUNNING
// CHECK-NEXT: command 2: Operation canceled
// CHECK-NEXT: > command 3
// CHECK-NEXT: RUNNING
// CHECK-NEXT: answer 350
// CHECK-NEXT: command 3: done
// CHECK-NEXT: bye
// CHECK-NOT: stderr:
// CHECK: status: exit=0
