// The law, a promoted store: nothing in the loop but the point reads
// `counted`, so without a marker before the optimiser LICM kept it in a
// register and stored it only at the loop's exit, which a point that leaves
// never reaches (^C reported "taken 203205273 counted 0").  With the marker
// the store stays in the loop, and the poll comes after it.
// RUN: %clang --target=x86_64-unknown-linux-gnu -O1 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %clang --target=x86_64-unknown-linux-gnu -O3 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %clang --target=x86_64-unknown-linux-gnu -Os -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s

unsigned long cursor, taken, counted;
__attribute__((noinline)) unsigned long take(void) { taken++; return ++cursor; }

// CHECK-LABEL: define {{.*}}void @count_all(
// CHECK:         store i64 {{%.*}}, ptr @counted
// CHECK-NEXT:    load volatile i32
// CHECK:         call {{.*}}i64 @take()
// CHECK:         ret void
void count_all(void) {
  while (take() != 0)
    counted++;
}
