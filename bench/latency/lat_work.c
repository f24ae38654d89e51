/* lat_work.c - the cancelled code of the latency benchmark.  This TU is the
 * only one built with the plugin (full mode); the driver and the helper are
 * plain.  Every loop runs until cancelled: the exit tests are never true in
 * the milliseconds a trial lasts, but the compiler cannot know that. */
#include <cancelpoints.h>
#include <stdint.h>

/* An effect-free loop nest (Collatz stopping times): no stores, so the pass
 * should arm a reset context before it and add nothing per iteration;
 * delivery is by the reset signal rewinding the thread to the point. */
uint64_t work_pure(uint64_t seed) {
  uint64_t total = 0;
  for (uint64_t x = (seed | 1) + 1000001; ; x += 2) {
    uint64_t v = x, s = 0;
    while (v != 1) {
      v = (v & 1) ? 3 * v + 1 : v >> 1;
      s++;
    }
    total += s;
    if (total == 0x0123456789abcdefull)
      return x;
  }
}

/* A loop with effects (stores to a global): it keeps a poll at its header,
 * which sees the request in the poll word. */
uint64_t lat_sink[256];
uint64_t work_effects(uint64_t seed) {
  uint64_t h = seed;
  for (uint64_t i = 0;; i++) {
    h = h * 6364136223846793005ull + 1442695040888963407ull;
    lat_sink[h >> 56] += i;
    if (h == seed + 12345)
      return i;
  }
}

/* An explicit point followed by an uninstrumented, effect-free call that
 * runs for about a millisecond (lat_helper.c, built without the plugin).
 * If the reset region extends across the call, the reset signal moves the
 * thread out of it back to cp_check, which returns -1/ECANCELED at once;
 * if not, the request waits for the call to return. */
__attribute__((const)) uint64_t slow_const(uint64_t x);
uint64_t work_constcall(uint64_t seed) {
  uint64_t acc = seed;
  while (cp_check() == 0)
    acc += slow_const(acc);
  return acc;
}
