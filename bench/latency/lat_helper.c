/* lat_helper.c - an effect-free function in a TU built without the plugin:
 * it stands for a library's pure routine, and takes about a millisecond. */
#include <stdint.h>

__attribute__((const)) uint64_t slow_const(uint64_t x) {
  for (int i = 0; i < 400000; i++)
    x = (x ^ (x >> 29)) * 0xbf58476d1ce4e5b9ull + (uint64_t)i;
  return x;
}
