// The points go in after the vectoriser: saxpy still vectorises at -O2 with
// the plugin; the vector loop polls once per chunk of iterations
// (StripMine.h), and the scalar remainder loop, which runs less than one
// vector step whichever way it is entered, needs no point (Bounds.h).
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -fpass-plugin=%plugin '-Rpass=loop-vectorize|cancelpoints' -gline-tables-only -S -emit-llvm -o %t.ll %s 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: FileCheck %s < %t.ll

// REMARK-DAG: clang-vectorize.c:[[@LINE+13]]:3: remark: vectorized loop
// REMARK-DAG: clang-vectorize.c:[[@LINE+12]]:{{[0-9]+}}: remark: poll {{at loop header|once every 256 iterations of counted loop}}: the loop has effects (store)
// REMARK-DAG: clang-vectorize.c:[[@LINE+12]]:{{[0-9]+}}: remark: no point at loop header: its trip count is at most {{[0-9]+}} (on each way in

// CHECK-LABEL: define {{.*}}void @saxpy(
// CHECK:         load volatile i32
// CHECK:         call <4 x float> @llvm.fmuladd.v4f32(
// CHECK-NOT:     load volatile i32
// CHECK:         call float @llvm.fmuladd.f32(
// CHECK-NOT:     load volatile i32
// CHECK-LABEL: declare

void saxpy(float *restrict y, const float *restrict x, float a, int n) {
  for (int i = 0; i < n; i++)
    y[i] += a * x[i];
}
