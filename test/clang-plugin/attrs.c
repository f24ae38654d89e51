// Where each word may appear, in both spellings, C23 and C++: functions for
// all four, loop statements for nocancel; anywhere else an error that says
// where it may go.  The words take no arguments, in either spelling (the
// scoped one's are read from the source: clang 19's parser drops them);
// empty parentheses are no arguments.
// RUN: %clang -std=c23 -fsyntax-only -fplugin=%clang_plugin -Xclang -verify %s
// RUN: %clang -x c++ -std=c++17 -fsyntax-only -fplugin=%clang_plugin -Xclang -verify %s

[[cancelpoints::nocancel]] void f1(void);
[[cancelpoints::reset_safe]] int f2(int);
[[cancelpoints::shield]] void f3(void) {}
[[cancelpoints::point]] void f4(void) {}
__attribute__((cancelpoints_nocancel)) void g1(void);
__attribute__((cancelpoints_reset_safe)) int g2(int);
__attribute__((cancelpoints_shield)) void g3(void) {}
__attribute__((cancelpoints_point)) void g4(void) {}
void h1(void) __attribute__((cancelpoints_reset_safe));

[[cancelpoints::nocancel]] int v1;   // expected-error {{'cancelpoints::nocancel' applies to functions and loop statements only}}
[[cancelpoints::reset_safe]] int v2; // expected-error {{'cancelpoints::reset_safe' applies to functions only}}
[[cancelpoints::shield]] int v3;     // expected-error {{'cancelpoints::shield' applies to functions only}}
int v4 __attribute__((cancelpoints_point)); // expected-error {{'cancelpoints::point' applies to functions only}}
struct [[cancelpoints::shield]] S { int x; }; // expected-error {{'cancelpoints::shield' applies to functions only}}
void p1([[cancelpoints::point]] int x);        // expected-error {{'cancelpoints::point' applies to functions only}}

__attribute__((cancelpoints_shield(1))) void bad_arg(void); // expected-error {{'cancelpoints::shield' takes no arguments}}
[[cancelpoints::shield(1)]] void bad_arg2(void);            // expected-error {{'cancelpoints::shield' takes no arguments}}
[[cancelpoints::point("often", 2)]] void bad_arg3(void);    // expected-error {{'cancelpoints::point' takes no arguments}}
[[cancelpoints::reset_safe()]] int empty_parens(int);
__attribute__((cancelpoints_nocancel())) void empty_parens2(void);

void loops(int n) {
  int x = 0;
  [[cancelpoints::nocancel]] for (int i = 0; i < n; i++) x++;
  [[cancelpoints::nocancel]] while (x > 0) x--;
  [[cancelpoints::nocancel]] do x++; while (x < n);
  __attribute__((cancelpoints_nocancel)) for (;;) break;
  [[cancelpoints::nocancel(3)]] for (;;) break; // expected-error {{'cancelpoints::nocancel' takes no arguments}}
  [[cancelpoints::nocancel]] x++;          // expected-error {{'cancelpoints::nocancel' applies to functions and loop statements only}}
  [[cancelpoints::nocancel]] { x++; }      // expected-error {{'cancelpoints::nocancel' applies to functions and loop statements only}}
  [[cancelpoints::nocancel]] if (x) x = 0; // expected-error {{'cancelpoints::nocancel' applies to functions and loop statements only}}
  [[cancelpoints::shield]] for (;;) break; // expected-error {{'cancelpoints::shield' applies to functions only}}
  [[cancelpoints::point]] while (0) {}     // expected-error {{'cancelpoints::point' applies to functions only}}
}

#ifdef __cplusplus
void range(int (&a)[4]) {
  int s = 0;
  [[cancelpoints::nocancel]] for (int x : a) s += x;
}
struct T {
  [[cancelpoints::shield]] void m();
  [[cancelpoints::nocancel]] int field; // expected-error {{'cancelpoints::nocancel' applies to functions and loop statements only}}
};
#endif
