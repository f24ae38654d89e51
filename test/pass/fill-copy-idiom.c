// Through clang -O2: a loop that only fills or copies an array is marked
// before it (StridedStores.h), so LoopIdiomRecognize makes it a memset or a
// memcpy call as it does without the plugin, and the function keeps no
// poll.  A fill with a value that need not be a byte pattern stays a loop:
// its marker comes back to the header of the vector loop and of its
// remainder; the vector loop polls (strip-mined), and the remainder, which
// runs less than one vector step, needs no point (Bounds.h).
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -fpass-plugin=%plugin -Rpass=cancelpoints -S -o /dev/null %s 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -fpass-plugin=%plugin -Xclang -load -Xclang %plugin -mllvm -cancelpoints-strided-stores=0 -S -emit-llvm -o - %s | FileCheck %s --check-prefix=OFF

// CHECK-LABEL: define {{.*}}void @fill(
// CHECK-NOT:     @__cp_tls
// CHECK:         call void @llvm.memset
// CHECK-NOT:     @__cp_tls
// CHECK:         ret void
// OFF-LABEL:   define {{.*}}void @fill(
// OFF-NOT:       @llvm.memset
// OFF:           load volatile i32
void fill(char *p, long n) {
  for (long i = 0; i < n; i++)
    p[i] = 7;
}

// CHECK-LABEL: define {{.*}}void @copy(
// CHECK-NOT:     @__cp_tls
// CHECK:         call void @llvm.memcpy
// CHECK-NOT:     @__cp_tls
// CHECK:         ret void
void copy(int *restrict d, const int *restrict s, long n) {
  for (long i = 0; i < n; i++)
    d[i] = s[i];
}

// A fill that shows only after inlining and SROA (the store is a helper's,
// through a pointer to the caller's local, as lz4's `*op++ = 255` through
// `BYTE** _op`): the first phase marks its header; between the phases, its
// marker moves before it, as the first phase would have placed it.
// CHECK-LABEL: define {{.*}}void @fill_late(
// CHECK-NOT:     @__cp_tls
// CHECK:         call void @llvm.memset
// CHECK-NOT:     @__cp_tls
// CHECK:         ret void
// OFF-LABEL:   define {{.*}}void @fill_late(
// OFF-NOT:       @llvm.memset
// OFF:           load volatile i32
static inline void put(unsigned char **op, unsigned char v) { *(*op)++ = v; }

void fill_late(unsigned char *out, unsigned long len) {
  unsigned char *op = out;
  for (; len >= 255; len -= 255)
    put(&op, 255);
  *op = (unsigned char)len;
}

// REMARK-NOT: fill-copy-idiom.c:{{2[0-9]|3[0-9]|4[0-9]|5[0-4]}}:{{.*}}poll
// REMARK-DAG: fill-copy-idiom.c:[[@LINE+4]]:{{[0-9]+}}: remark: no point at loop header: its trip count is at most 7 (on each way in
// REMARK-DAG: fill-copy-idiom.c:[[@LINE+2]]:{{[0-9]+}}: remark: poll once every 256 iterations of counted loop
void pattern(unsigned *p, unsigned v, long n) {
  for (long i = 0; i < n; i++)
    p[i] = v;
}
