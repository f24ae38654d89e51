// A marker the second phase never lowered is a real point.  The first
// phase alone (opt -passes=cancelpoints-mark) puts its markers in the IR;
// compiled by a clang without the plugin, they reach the object as calls to
// the marker's symbol (an intrinsic's name, no C identifier), which the
// runtime defines as a poll.  ^C is delivered at the marker in the loop.
// RUN: %clang -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt -passes=cancelpoints-mark %t.ll -o %t.marked.bc
// RUN: %clang -O2 -c %t.marked.bc -o %t.o
// RUN: %llvm_bin/llvm-nm %t.o | FileCheck %s --check-prefix=SYMBOL
// RUN: %cpcc %t.o -o %t
// RUN: %interrupt --max-latency-ms 250 -- %t | FileCheck %s
// SYMBOL: U llvm.cancelpoints.point
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT in spin{{( \(.*\))?$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
#include <stdio.h>

volatile unsigned long counter;

__attribute__((noinline)) static void spin(void)
{
  for (;;)
    counter++;
}

int main(void)
{
  puts("READY");
  fflush(stdout);
  spin();
  return 0;
}
