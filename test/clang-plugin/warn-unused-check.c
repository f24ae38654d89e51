// -Wcancelpoints-unused-check: cp_check() or cp_check_graceful() whose
// result is dropped; a cast to void or any use of the value is fine.
// RUN: %clang -fsyntax-only -fplugin=%clang_plugin %rt_cflags -Xclang -verify %s
// RUN: %clang -x c++ -fsyntax-only -fplugin=%clang_plugin %rt_cflags -Xclang -verify %s
// RUN: %clang -fsyntax-only -fplugin=%clang_plugin %rt_cflags -Xclang -verify=off %s \
// RUN:   -Xclang -plugin-arg-cancelpoints_clang -Xclang -Wno-cancelpoints-unused-check
// off-no-diagnostics
#include <cancelpoints.h>

int used(void) {
  if (cp_check() != 0)
    return -1;
  int r = cp_check_graceful();
  (void)cp_check();
  return r;
}

void dropped(int n) {
  cp_check(); // expected-warning {{result of 'cp_check' is ignored: it is -1 when a request reached this thread (cast it to void if that is meant) [-Wcancelpoints-unused-check]}}
  for (int i = 0; i < n; i++)
    cp_check_graceful(); // expected-warning {{result of 'cp_check_graceful' is ignored}}
  if (n)
    cp_check(); // expected-warning {{result of 'cp_check' is ignored}}
  for (int i = 0; i < n; cp_check()) // expected-warning {{result of 'cp_check' is ignored}}
    i++;
}
