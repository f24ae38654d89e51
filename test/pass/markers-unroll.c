// The marker and the loop unroller: LLVM does not unroll a loop with a call
// at run time (the target's cost model takes a call as a reason not to),
// but the marker is never lowered to a call and is named as an intrinsic, so
// a loop with one is unrolled at run time as it is without the plugin.
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -fpass-plugin=%plugin -c -o /dev/null %s -Rpass=loop-unroll 2>&1 | FileCheck %s --check-prefix=UNROLL
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s

// UNROLL: markers-unroll.c:[[#@LINE+8]]:{{[0-9]+}}: remark: unrolled loop by a factor of {{[0-9]+}} with run-time trip count
// A loop with effects the vectoriser does not take (each store depends on
// the one before): its marker is in its body when the unroller runs.
// CHECK-LABEL: define {{.*}}void @prefix_hash(
// CHECK:         load volatile i32
// CHECK:         {{^}}}
void prefix_hash(unsigned *a, long n) {
  unsigned h = 0;
  for (long i = 0; i < n; i++) {
    h = h * 31 + a[i];
    a[i] = h;
  }
}

#include <string.h>

typedef struct { int n; unsigned v[37]; } big;

static void big_mul(big *x, const big *y, const big *z) {
  int nx = y->n + z->n, nz = z->n;
  if (nx == 0) {
    x->n = 0;
    return;
  }
  memset(x->v, 0, sizeof(unsigned) * (size_t)nx);
  x->n = nx;
  for (int i = 0; i < y->n; i++) {
    unsigned long long c = 0;
    int j;
    for (j = 0; j < nz; j++) {
      c += (unsigned long long)y->v[i] * z->v[j] + x->v[i + j];
      x->v[i + j] = (unsigned)c;
      c >>= 32;
    }
    if (c)
      x->v[i + j] = (unsigned)c;
  }
}

// A multiplication by one word (Duktape's number formatting): z's length
// is 0 or 1, so the inner loop runs once when it runs.  Unrolled by two with
// its remainder, its unrolled copy is dead on the one path that enters it;
// the nest keeps one poll, on its outer loop, not a strip-mined inner loop
// polled on each entry as well.
// CHECK-LABEL: define {{.*}}void @big_mul_small(
// CHECK:         load volatile i32
// CHECK-NOT:     load volatile i32
// CHECK-NOT:     {{__cp_point|llvm.cancelpoints.point}}
// CHECK:         {{^}}}
void big_mul_small(big *x, const big *y, unsigned z) {
  big t;
  if (z == 0) {
    t.n = 0;
  } else {
    t.n = 1;
    t.v[0] = z;
  }
  big_mul(x, y, &t);
}
