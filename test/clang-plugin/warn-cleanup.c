// -Wcancelpoints-cleanup: cp_cleanup_push must be popped later in the same
// block with no return in between; off with the plugin's argument
// -Wno-cancelpoints-cleanup or with clang's own -Wno-cancelpoints-cleanup.
// RUN: %clang -fsyntax-only -fplugin=%clang_plugin %rt_cflags -Xclang -verify %s
// RUN: %clang -fsyntax-only -fplugin=%clang_plugin %rt_cflags -Xclang -verify=off %s \
// RUN:   -Xclang -plugin-arg-cancelpoints_clang -Xclang -Wno-cancelpoints-cleanup
// RUN: %clang -fsyntax-only -fplugin=%clang_plugin %rt_cflags -Xclang -verify=off %s \
// RUN:   -Wno-unknown-warning-option -Wno-cancelpoints-cleanup
// RUN: %clang -fsyntax-only -fplugin=%clang_plugin %rt_cflags -Xclang -verify=off %s \
// RUN:   -Wno-unknown-warning-option -Wno-cancelpoints
// off-no-diagnostics
#include <cancelpoints.h>

void unlock(void *m);

void paired(void *m) {
  cp_cleanup_push(unlock, m);
  cp_cleanup_pop(1);
}

void nested_paired(void *m, int x) {
  cp_cleanup_push(unlock, m);
  if (x) {
    cp_cleanup_push(unlock, m);
    cp_cleanup_pop(0);
  }
  cp_cleanup_pop(1);
}

void unpaired(void *m) {
  cp_cleanup_push(unlock, m); // expected-warning {{cp_cleanup_push without a matching cp_cleanup_pop in the same block [-Wcancelpoints-cleanup]}}
}

void other_block(void *m, int x) {
  if (x) {
    cp_cleanup_push(unlock, m); // expected-warning {{cp_cleanup_push without a matching cp_cleanup_pop}}
  }
  cp_cleanup_pop(1); // expected-warning {{cp_cleanup_pop without a cp_cleanup_push before it in the same block}}
}

int early_return(void *m, int x) {
  cp_cleanup_push(unlock, m);
  if (x)
    return 1; // expected-warning {{return between cp_cleanup_push and its cp_cleanup_pop}}
  cp_cleanup_pop(1);
  return 0;
}
