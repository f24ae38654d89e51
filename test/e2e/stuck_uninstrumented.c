// A program built with cpcc whose only loop is in code compiled without the
// plugin: ^C cannot stop it at a point, and the program must say so rather
// than go silent.  cpcc links the runtime even though no instrumented code
// refers to it (this file has no loop, so the pass inserts nothing), the
// first SIGINT is a request that cannot land, the 1 s notice names the
// function the thread is stuck in and why, and the second SIGINT, with
// nothing reachable and no lock held, ends the process at once with a line
// saying where the thread was (exit 130, no exit handlers).
// RUN: %clang -O2 -c %inputs/spin_forever.c -o %t.spin.o
// RUN: %cpcc -O2 %s %t.spin.o -o %t
// RUN: %interrupt --signals 2 --next-stderr "not delivered after" --timeout 10 -- %t | FileCheck %s
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: SIGINT not delivered after 1 s: thread {{[0-9]+}} in spin_forever (running code with no point: built without the plugin); ^C again for a hard request, a third time to end the process{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT (second ^C) at once, without exit handlers: thread {{[0-9]+}} in spin_forever (running code with no point: built without the plugin){{$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
// CHECK-NEXT: latency_ms:
// CHECK-NEXT: {{^}}signals_sent: 2{{$}}
void spin_forever(void);

int main(void) {
  spin_forever();
  return 0;
}
