/* pure_helper.c: the out-of-TU effect-free helper for purecall.c.  The
 * harness always compiles this file WITHOUT the plugin: it stands for a
 * library the user does not rebuild. */
#include <stdint.h>

__attribute__((const)) uint64_t pure_ext(uint64_t x) {
  x ^= x >> 31;
  x *= 0x7fb5d329728ea185ull;
  x ^= x >> 27;
  return x;
}
