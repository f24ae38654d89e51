// A REPL: each command runs in a cancel scope that ^C cancels; ^C ends the
// command (its cleanup runs), not the process, and the next command runs.
// Two commands, two ^C, then a normal exit.
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %interrupt --signals 2 --next-marker READY -- %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %interrupt --signals 2 --next-marker READY -- %t.O2 | FileCheck %s
// CHECK: {{^}}READY 1{{$}}
// CHECK-NEXT: {{^}}cleanup 1{{$}}
// CHECK-NEXT: {{^}}command 1 interrupted (ECANCELED, caught 1){{$}}
// CHECK-NEXT: {{^}}READY 2{{$}}
// CHECK-NEXT: {{^}}cleanup 2{{$}}
// CHECK-NEXT: {{^}}command 2 interrupted (ECANCELED, caught 1){{$}}
// CHECK-NEXT: {{^}}bye{{$}}
// CHECK-NOT: stderr:
// CHECK: {{^}}status: exit=0{{$}}
// CHECK-NEXT: {{^}}latency_ms:
// CHECK-NEXT: {{^}}signals_sent: 2{{$}}
#include <cancelpoints.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

struct cmd {
  int no;
  unsigned long n, result;
};

static void cleanup(void *arg) { printf("cleanup %d\n", ((struct cmd *)arg)->no); }

__attribute__((noinline)) static unsigned long work(unsigned long n) {
  unsigned long x = 1;
  for (unsigned long i = 0; i < n; i++)
    for (unsigned long j = 0; j < n; j++)
      x = x * 2862933555777941757UL + (i ^ j);
  return x;
}

static void evaluate(void *arg) {
  struct cmd *c = arg;
  cp_cleanup_push(cleanup, c);
  printf("READY %d\n", c->no);
  fflush(stdout);
  c->result = work(c->n);
  cp_cleanup_pop(0);
}

int main(int argc, char **argv) {
  unsigned long n = argc > 1 ? strtoul(argv[1], 0, 0) : 1UL << 40;
  for (int no = 1; no <= 2; no++) {
    struct cmd c = {no, n, 0};
    cp_scope *s = cp_scope_create();
    cp_sigint_target(s);
    if (cp_scope_run(s, evaluate, &c) != 0)
      printf("command %d interrupted (%s, caught %d)\n", no, errno == ECANCELED ? "ECANCELED" : "?",
             cp_scope_cancelled_caught(s));
    else
      printf("command %d: %lu\n", no, c.result);
    fflush(stdout);
    cp_sigint_target(NULL);
    cp_scope_destroy(s);
  }
  printf("bye\n");
  return 0;
}
