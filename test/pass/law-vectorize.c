// The law and the vectoriser: a loop with effects keeps its marker, which
// has vector variants (VFABI), so the vectoriser still takes it; each vector
// iteration calls the variant after its stores, and the late pass polls at
// most once per chunk there.  `done` is stored in the vector loop, and no
// marker survives.
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %clang --target=x86_64-unknown-linux-gnu -O3 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s

long done;

// CHECK-LABEL: define {{.*}}void @scale(
// CHECK:         fmul <{{[0-9]+}} x float>
// CHECK:         store <{{[0-9]+}} x float>
// CHECK:         store i64 {{%.*}}, ptr @done
// CHECK:         load volatile i32
// CHECK:         ret void
// CHECK-NOT:     {{__cp_point|llvm.cancelpoints.point}}
void scale(float *restrict dst, const float *restrict src, float k, long n) {
  for (long i = 0; i < n; i++) {
    dst[i] = src[i] * k;
    done = i + 1;
  }
}
