// -Wcancelpoints-reset-safe, from the pass (a warning through LLVM's
// diagnostic handler): a function declared reset_safe whose definition in
// the module has an effect; the warning names the instruction, and a loop
// calling it is polled, not armed (the claim is not used).  A definition
// with no effect draws nothing.  Off with the plugin's argument.
// RUN: %clang -O0 -c -fplugin=%clang_plugin %s -o %t.o -Xclang -verify
// RUN: %clang -O2 -c -fplugin=%clang_plugin %s -o %t.o -Xclang -verify
// RUN: %clang -O1 -g -c -fplugin=%clang_plugin %s -o %t.o 2>&1 | FileCheck %s --check-prefix=LINE
// LINE: warn-reset-safe.c:[[@LINE+9]]:{{[0-9]+}}: warning: 'liar' is declared reset_safe
// RUN: %clang -O2 -S -emit-llvm -fplugin=%clang_plugin %s -o - -Wno-pass-failed | FileCheck %s
// RUN: %clang -O2 -c -fplugin=%clang_plugin %s -o %t.o -Xclang -verify=off \
// RUN:   -Xclang -plugin-arg-cancelpoints_clang -Xclang -Wno-cancelpoints-reset-safe
// off-no-diagnostics
int counter;

// Without -g the warning stands at the function; with -g, at the store.
__attribute__((cancelpoints_reset_safe)) __attribute__((noinline)) int liar(int x) { // expected-warning-re {{'liar' is declared reset_safe but has an effect, 'store i32 {{.*}}@counter{{.*}}': the claim is not trusted [-Wcancelpoints-reset-safe]}}
  counter += x;
  return x;
}

__attribute__((cancelpoints_reset_safe)) __attribute__((noinline)) int honest(int x) {
  return x * 3;
}

// CHECK-LABEL: define {{.*}}@sum(
// CHECK-NOT: __cp_region_tramp
// CHECK: __cp_poll_slow
// CHECK: {{^}}}
int sum(int n) {
  int s = 0;
  for (int i = 0; i < n; i++)
    s += liar(i) + honest(i);
  return s;
}
