// With debug info, sites name the function, the file and the line of the
// point, and remarks carry source locations.
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -g -fpass-plugin=%plugin -Rpass=cancelpoints -S -emit-llvm -o %t.ll %s 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: FileCheck %s < %t.ll

int cp_check(void);
double heavy(double) __attribute__((const));

// CHECK-DAG: @[[FILL:.*]] = private unnamed_addr constant [5 x i8] c"fill\00"
// CHECK-DAG: @[[FILE:.*]] = private unnamed_addr constant [{{[0-9]+}} x i8] c"{{.*}}clang-sites.c\00"
// CHECK-DAG: @__cp_site{{.*}} = private unnamed_addr constant { ptr, ptr, i32, i32 } { ptr @[[FILL]], ptr @[[FILE]], i32 [[@LINE+4]], i32 0 }
// CHECK-DAG: @__cp_site{{.*}} = private unnamed_addr constant { ptr, ptr, i32, i32 } { ptr @[[FIB:.*]], ptr @[[FILE]], i32 [[@LINE+9]], i32 2 }
// REMARK-DAG: clang-sites.c:[[@LINE+2]]:{{[0-9]+}}: remark: poll {{at loop header|once every 256 iterations of counted loop}}: the loop has effects (store)
void fill(int *a, int n) {
  for (int i = 0; i < n; i++)
    a[i] = i;
}

// REMARK-DAG: clang-sites.c:[[@LINE+2]]:{{[0-9]+}}: remark: reset region armed at the entry of effect-free recursion: 'fib' runs 'fib.cp.inner' in it
// CHECK-DAG: @[[FIB]] = private unnamed_addr constant [4 x i8] c"fib\00"
int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

// REMARK-DAG: clang-sites.c:[[@LINE+2]]:{{[0-9]+}}: remark: reset region from cp_check extends across call to 'heavy'
double g(double y) {
  if (cp_check()) return -1;
  return heavy(y) + y;
}
