#include <unistd.h>

/* Effect-free functions compiled WITHOUT the plugin (plain clang -c): the
 * e2e tests declare them __attribute__((const)), so the pass may extend a
 * reset region across calls to them although it cannot see their code. */

/* A few nanoseconds of mixing. */
unsigned long light_const(unsigned long x) {
  x ^= x >> 31;
  x *= 0x7fb5d329728ea185UL;
  x ^= x >> 27;
  return x * 0x81dadef4bc2dd44dUL + 1;
}

/* iters rounds of a serial dependency chain: about a second for 1e9 on a
 * current x86_64.  No loop point stops it: it is not instrumented. */
unsigned long heavy_const(unsigned long x, unsigned long iters) {
  for (unsigned long i = 0; i < iters; i++) {
    x = x * 6364136223846793005UL + 1442695040888963407UL;
    x ^= x >> 29;
  }
  return x;
}

/* heavy_const, announced: it writes READY (one write(2), no stdio) as it
 * starts, so that a test's harness signals while the thread is inside it.
 * The one write is the test's licence, not an effect the program sees. */
unsigned long heavy_const_ready(unsigned long x, unsigned long iters) {
  static const char ready[] = "READY\n";
  (void)!write(1, ready, sizeof ready - 1);
  return heavy_const(x, iters);
}
