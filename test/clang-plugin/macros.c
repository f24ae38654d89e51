// <cancelpoints.h>'s CP_* macros: annotated code builds with gcc (they are
// nothing), with plain clang (annotations, which the pass reads the same way
// when loaded with -fpass-plugin alone), and with the clang plugin (the
// attributes; CP_NOCANCEL_LOOP only there).
// REQUIRES: gcc
// RUN: gcc -std=c11 -Wall -Wextra -Werror -Wno-comment -I%rt_include -c %s -o %t.gcc.o
// RUN: %clang -std=c11 -Wall -Wextra -Werror -Wno-comment %rt_cflags -O1 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=PLAIN
// RUN: %clang -std=c11 -Wall -Wextra -Werror -Wno-comment %rt_cflags -O1 -S -emit-llvm -fpass-plugin=%plugin %s -o - \
// RUN:   | FileCheck %s --check-prefixes=PASS,WORDS
// RUN: %clang -std=c11 -Wall -Wextra -Werror -Wno-comment %rt_cflags -O1 -S -emit-llvm -fplugin=%clang_plugin %s -o - \
// RUN:   | FileCheck %s --check-prefixes=PLUGIN,WORDS
#include <cancelpoints.h>

extern volatile int v;
CP_RESET_SAFE unsigned hash(unsigned);

// PLAIN-DAG: c"cp_shield\00"
// PLAIN-DAG: c"cp_point\00"
// PLAIN-DAG: c"cp_nocancel\00"
// PLAIN-DAG: c"cp_reset_safe\00"

// WORDS-LABEL: define {{.*}}@shielded(
// WORDS: call void @cp_hold()
// WORDS: call void @cp_resume()
CP_SHIELD void shielded(int x) { v = x; }

// WORDS-LABEL: define {{.*}}@entry(
// WORDS: __cp_poll_slow
CP_POINT void entry(void) { v = 1; }

// WORDS-LABEL: define {{.*}}@left_alone(
// WORDS-NOT: __cp_poll_slow
// WORDS: ret void
CP_NOCANCEL void left_alone(int n) {
  for (int i = 0; i < n; i++) v = i;
}

// PASS-LABEL: define {{.*}}@loop(
// PASS: __cp_poll_slow
// PLUGIN-LABEL: define {{.*}}@loop(
// PLUGIN-NOT: __cp_poll_slow
// PLUGIN: ret void
void loop(int n) {
  CP_NOCANCEL_LOOP for (int i = 0; i < n; i++) v = i;
}

// WORDS-LABEL: define {{.*}}@sum(
// WORDS: __cp_region_tramp
unsigned sum(unsigned n) {
  unsigned x = 0;
  for (unsigned i = 0; i < n; i++)
    x += hash(i);
  return x;
}
