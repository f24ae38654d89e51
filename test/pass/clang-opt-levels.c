// The plugin runs through clang's -fpass-plugin at the OptimizerLast
// extension point, at every optimisation level.
// RUN: %clang --target=x86_64-unknown-linux-gnu -O0 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s --check-prefixes=CHECK,O0
// RUN: %clang --target=x86_64-unknown-linux-gnu -O1 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s --check-prefixes=CHECK,OPT
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s --check-prefixes=CHECK,OPT
// RUN: %clang --target=x86_64-unknown-linux-gnu -O3 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s --check-prefixes=CHECK,OPT
// RUN: %clang --target=x86_64-unknown-linux-gnu -Os -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s --check-prefixes=CHECK,OPT
// RUN: %clang --target=x86_64-unknown-linux-gnu -Oz -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s --check-prefixes=CHECK,OPT
// And through to assembly and an object file.
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -fpass-plugin=%plugin -c -o %t.o %s
// RUN: %clang --target=x86_64-unknown-linux-gnu -O0 -g -fpass-plugin=%plugin -c -o %t.o %s

volatile int sink;

// CHECK-LABEL: define {{.*}}void @fill(
// CHECK:         load volatile i32, ptr %{{.*}}
// CHECK:         call preserve_mostcc void @__cp_poll_slow_pm_at(
void fill(int *a, int n) {
  for (int i = 0; i < n; i++)
    a[i] = i;
}

// At -O0 the counter lives in an alloca that outlives the loop: the loop
// has effects and keeps a poll.  Optimised, it is effect-free: armed region.
// CHECK-LABEL: define {{.*}}i64 @sum(
// O0:            call preserve_mostcc void @__cp_poll_slow_pm_at(
// OPT:           call i32 @__cp_arm(
long sum(const long *a, long n) {
  long s = 0;
  for (long i = 0; i < n; i++)
    s += a[i];
  return s;
}

// CHECK: !"cancelpoints.instrumented"
