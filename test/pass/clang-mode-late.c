// Before clang 22, -fpass-plugin loads the plugin after clang has parsed
// -mllvm options, so -mllvm -cancelpoints-mode with it alone is an error
// (clang-mode.c: load it early too, or use the environment).  From clang 22
// it is loaded first, and the option works.
// RUN: %if llvm-19 %{ not %} %clang --target=x86_64-unknown-linux-gnu -O2 -fpass-plugin=%plugin -mllvm -cancelpoints-mode=poll -S -emit-llvm -o %t.ll %s 2> %t.err
// RUN: %if llvm-19 %{ FileCheck %s --check-prefix=LATE < %t.err %} %else %{ FileCheck %s --check-prefix=POLL < %t.ll %}

// LATE: Unknown command line argument '-cancelpoints-mode=poll'
// POLL: call void @__cp_poll_slow_at(

void spin(volatile int *p) {
  while (*p)
    ;
}
