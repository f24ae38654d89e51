// -Wcancelpoints-uncancellable (opt-in, from the pass): each loop left
// without a point, at the loop's source location, and why.  Off unless
// named, by the plugin's argument or clang's -W option.
// RUN: %clang -O0 -c -fplugin=%clang_plugin %s -o %t.o -Xclang -verify \
// RUN:   -Xclang -plugin-arg-cancelpoints_clang -Xclang -Wcancelpoints-uncancellable
// RUN: %clang -O2 -c -fplugin=%clang_plugin %s -o %t.o -Xclang -verify=expected,opt \
// RUN:   -Xclang -plugin-arg-cancelpoints_clang -Xclang -Wcancelpoints-uncancellable
// RUN: %clang -O2 -c -fplugin=%clang_plugin %s -o %t.o -Xclang -verify=expected,opt \
// RUN:   -Wno-unknown-warning-option -Wcancelpoints-uncancellable
// RUN: %clang -O2 -c -fplugin=%clang_plugin %s -o %t.o -Xclang -verify=off
// off-no-diagnostics
#include <setjmp.h>

extern volatile int v;
jmp_buf jb;

void with_setjmp(int n) {
  if (setjmp(jb))
    return;
  for (int i = 0; i < n; i++) // expected-warning-re {{loop in 'with_setjmp' has no cancellation point: function not instrumented: it calls returns_twice function '{{_?}}setjmp' [-Wcancelpoints-uncancellable]}}
    v = i;
}

void with_asm(int n) {
  __asm__ volatile("" ::: "memory");
  while (n--) // expected-warning {{loop in 'with_asm' has no cancellation point: function not instrumented: it contains inline asm}}
    v = n;
}

void marked(int n) {
  [[cancelpoints::nocancel]] for (int i = 0; i < n; i++) // expected-warning {{loop in 'marked' has no cancellation point: it is marked nocancel}}
    v = i;
  for (int i = 0; i < n; i++)
    v = i;
}

__attribute__((cancelpoints_nocancel)) void left_alone(void) {
  do // expected-warning {{loop in 'left_alone' has no cancellation point: function not instrumented: it is annotated cp_nocancel}}
    v--;
  while (v);
}

// At -O2 a loop inlined into a nocancel caller is that caller's loop: it
// is listed where the source wrote it.  (At -O0 nothing is inlined, and the
// callee keeps its point.)
static void spin_until(int n) {
  while (v != n) // opt-warning {{loop in 'caller_alone' has no cancellation point: function not instrumented: it is annotated cp_nocancel}}
    v++;
}

__attribute__((cancelpoints_nocancel)) void caller_alone(int n) {
  spin_until(n);
}

void fine(int n) {
  for (int i = 0; i < n; i++)
    v = i;
}
