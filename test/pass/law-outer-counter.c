// The law, a promoted outer counter around an effect-free inner loop: the
// inner loop needs no marker of its own (one goes before it), so it still
// has no call and no poll per iteration; the outer loop's marker keeps
// `rounds` and `result` stored on every outer iteration (before the loop's
// back edge, not at its exit), before its poll.
// RUN: %clang --target=x86_64-unknown-linux-gnu -O1 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %clang --target=x86_64-unknown-linux-gnu -O3 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %clang --target=x86_64-unknown-linux-gnu -Os -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s

long rounds;
double result;

// CHECK-LABEL: define {{.*}}void @search(
// CHECK:         load volatile i32
// CHECK:         store {{.*}}, ptr @r{{esult|ounds}}
// CHECK-NOT:     ret void
// CHECK:         br {{.*}}, !llvm.loop
// CHECK-NOT:     {{__cp_point|llvm.cancelpoints.point}}
void search(const double *v, int n, int m) {
  for (int r = 0; r < m; r++) {
    double best = 0;
    for (int i = 0; i < n; i++)
      best = v[i] > best ? v[i] : best;
    rounds++;
    result = best;
  }
}
