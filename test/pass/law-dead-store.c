// The law, in-loop stores the optimiser could drop or sink: `stage` is
// overwritten after the loop and nothing in it reads them but the point, so
// LICM would keep them in registers and dead-store elimination would drop
// the store at the loop's exit: no store of a loop value at all.  With the
// marker each is stored in the loop, before its poll.
// RUN: %clang --target=x86_64-unknown-linux-gnu -O1 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %clang --target=x86_64-unknown-linux-gnu -O3 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %clang --target=x86_64-unknown-linux-gnu -Os -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s

long stage, done;

// CHECK-LABEL: define {{.*}}void @run(
// CHECK-DAG:     store i64 %{{.*}}, ptr @stage
// CHECK-DAG:     load volatile i32
// CHECK-DAG:     store i64 -1, ptr @stage
// CHECK:         }
void run(long *restrict out, long n) {
  for (long i = 0; i < n; i++) {
    stage = i;
    out[i] = i * 3;
  }
  stage = -1;
}

// CHECK-LABEL: define {{.*}}i64 @tally(
// CHECK-DAG:     store i64 %{{.*}}, ptr @done
// CHECK-DAG:     load volatile i32
// CHECK-DAG:     store i64 0, ptr @done
// CHECK:         }
long tally(const long *v, long n) {
  long s = 0;
  for (long i = 0; i < n; i++) {
    s += v[i];
    done = i + 1;
  }
  done = 0;
  return s;
}
