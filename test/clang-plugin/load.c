// Loading: -fplugin=libcancelpoints_clang.so alone runs the pass (a poll in
// the loop) and predefines __CANCELPOINTS_CLANG_PLUGIN__; given
// -fpass-plugin=libcancelpoints.so as well, each phase of the pass runs
// once, also for each of two files compiled by one clang; -fpass-plugin
// alone still works and does not define the macro.
// RUN: %clang -O1 -S -emit-llvm -fplugin=%clang_plugin %s -o - | FileCheck %s --check-prefixes=POLL,PLUGIN
// RUN: %clang -O1 -S -emit-llvm -fpass-plugin=%plugin %s -o - | FileCheck %s --check-prefixes=POLL,NOPLUGIN
// RUN: %clang -O1 -c -fplugin=%clang_plugin -fpass-plugin=%plugin %s -o %t.o -Xclang -fdebug-pass-manager 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ONCE
// RUN: cp %s %t.other.c
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cd %t.dir && %clang -O1 -c -fplugin=%clang_plugin -fpass-plugin=%plugin %s %t.other.c -Xclang -fdebug-pass-manager 2>&1 \
// RUN:   | FileCheck %s --check-prefix=TWICE
// RUN: %clang -O0 -c -fplugin=%clang_plugin -fplugin=%clang_plugin %s -o %t.o -Xclang -fdebug-pass-manager 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ONCE
// POLL-LABEL: define {{.*}}@count(
// POLL: __cp_poll_slow
// PLUGIN: @with_plugin
// NOPLUGIN: @without_plugin
// ONCE: Running pass: cancelpoints::CancelPointMarkPass
// ONCE-NOT: Running pass: cancelpoints::CancelPointMarkPass
// ONCE: Running pass: cancelpoints::CancelPointsPass
// ONCE-NOT: Running pass: cancelpoints::CancelPoints
// TWICE-COUNT-2: Running pass: cancelpoints::CancelPointMarkPass
// TWICE-NOT: Running pass: cancelpoints::CancelPointMarkPass
volatile int sink;

void count(int n) {
  for (int i = 0; i < n; i++)
    sink = i;
}

#ifdef __CANCELPOINTS_CLANG_PLUGIN__
int with_plugin(void) { return 1; }
#else
int without_plugin(void) { return 0; }
#endif
