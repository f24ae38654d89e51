// The law and restrict pointers: alias analysis lets a call that is not
// given a noalias argument neither read nor write what it points to, so a
// marker alone would not keep `*total` in memory (and LLVM 22's LICM hoisted
// saxpy's marker out of its loop).  The first phase captures such arguments
// at the entry; `*total` is stored on every iteration, before the loop's
// back edge.  The loop loads and stores one location, so its marker has no
// vector variants: the vectoriser would keep the sum in a register.
// RUN: %clang --target=x86_64-unknown-linux-gnu -O1 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %clang --target=x86_64-unknown-linux-gnu -O3 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %clang --target=x86_64-unknown-linux-gnu -Os -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s

// CHECK-LABEL: define {{.*}}void @acc(
// CHECK:         store i64 %{{.*}}, ptr %0
// CHECK-NOT:     ret void
// CHECK:         br {{.*}}, !llvm.loop
// CHECK-NOT:     __cp_escape
void acc(long *restrict total, const long *restrict v, long n) {
  for (long i = 0; i < n; i++)
    *total += v[i];
}

// CHECK-LABEL: define {{.*}}void @saxpy(
// CHECK:         load volatile i32
// CHECK:         ret void
void saxpy(float *restrict y, const float *restrict x, float a, int n) {
  for (int i = 0; i < n; i++)
    y[i] += a * x[i];
}

// CHECK-NOT: declare {{.*}}@__cp_escape
