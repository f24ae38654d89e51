// What each word changes in what the pass emits, at -O0 and -O2, in both
// spellings: nocancel on a loop leaves it without a point while its nested
// loop keeps one; nocancel on a function leaves it alone; point polls at
// the entry; shield brackets the body with cp_hold/cp_resume; a loop that
// calls a reset_safe library function is armed (a reset region) instead
// of polled.  The annotations the words became are gone from the code.
// RUN: %clang -std=c23 -O0 -S -emit-llvm -fplugin=%clang_plugin %s -o - | FileCheck %s --check-prefixes=CHECK,O0
// RUN: %clang -std=c23 -O2 -S -emit-llvm -fplugin=%clang_plugin %s -o - | FileCheck %s --check-prefixes=CHECK,O2
// RUN: %clang -x c++ -std=c++17 -O2 -S -emit-llvm -fplugin=%clang_plugin %s -o - | FileCheck %s --check-prefixes=CHECK,O2
// CHECK-NOT: llvm.annotation
extern int g;
extern volatile int v;

#define EXTERN_C
#ifdef __cplusplus
#undef EXTERN_C
#define EXTERN_C extern "C"
#endif

// CHECK-LABEL: define {{.*}}@loop_nocancel(
// CHECK-NOT: __cp_poll_slow
// CHECK: ret void
EXTERN_C void loop_nocancel(int n) {
  [[cancelpoints::nocancel]] for (int i = 0; i < n; i++) g += i;
}

// CHECK-LABEL: define {{.*}}@while_nocancel(
// CHECK-NOT: __cp_poll_slow
// CHECK: ret void
EXTERN_C void while_nocancel(int n) {
  int i = 0;
  [[cancelpoints::nocancel]] while (i < n) v = i++;
}

// The outer loop has no point; the inner one has one.
// CHECK-LABEL: define {{.*}}@nested_keeps(
// CHECK: __cp_poll_slow
// CHECK: ret void
EXTERN_C void nested_keeps(int n) {
  [[cancelpoints::nocancel]] for (int i = 0; i < n; i++)
    for (int j = 0; j < v; j++)
      v = j;
}

// CHECK-LABEL: define {{.*}}@func_nocancel(
// CHECK-NOT: __cp_poll_slow
// CHECK: ret void
EXTERN_C __attribute__((cancelpoints_nocancel)) void func_nocancel(int n) {
  for (int i = 0; i < n; i++) v = i;
}

// CHECK-LABEL: define {{.*}}@polled(
// CHECK: __cp_poll_slow
// CHECK: {{^}}}
EXTERN_C void polled(int n) {
  for (int i = 0; i < n; i++) v = i;
}

// CHECK-LABEL: define {{.*}}@entry_point(
// CHECK-NEXT: {{^}}  {{.*}}@llvm.threadlocal.address
// CHECK: load volatile
// CHECK: __cp_poll_slow
// CHECK: store {{.*}}@g
EXTERN_C [[cancelpoints::point]] void entry_point(void) { g++; }

// CHECK-LABEL: define {{.*}}@shielded(
// CHECK: call void @cp_hold()
// CHECK: store {{.*}}@g
// CHECK: call void @cp_resume()
// CHECK-NEXT: ret void
EXTERN_C __attribute__((cancelpoints_shield)) void shielded(int x) { g = x; }

EXTERN_C [[cancelpoints::reset_safe]] unsigned hash(unsigned);
EXTERN_C unsigned opaque(unsigned);

// CHECK-LABEL: define {{.*}}@sum_hash(
// O0: call i32 @__cp_arm(
// O2: call void @__cp_region_tramp
// CHECK: {{^}}}
EXTERN_C unsigned sum_hash(unsigned n) {
  unsigned x = 0;
  for (unsigned i = 0; i < n; i++)
    x += hash(i);
  return x;
}

// CHECK-LABEL: define {{.*}}@sum_opaque(
// CHECK-NOT: __cp_arm
// CHECK-NOT: __cp_region_tramp
// CHECK: __cp_poll_slow
// CHECK: {{^}}}
EXTERN_C unsigned sum_opaque(unsigned n) {
  unsigned x = 0;
  for (unsigned i = 0; i < n; i++)
    x += opaque(i);
  return x;
}
