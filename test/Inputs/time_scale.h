/* time_scale.h - the C tests' latency bounds, scaled.
 *
 * A bound is given in ns for an idle machine; the suite (lit.cfg.py) sets
 * CP_TEST_TIME_SCALE from the machine's load per core, and an emulator's run
 * sets it higher still: a bound is there to catch what never happens, not a
 * slow neighbour. */
#ifndef CP_TEST_TIME_SCALE_H
#define CP_TEST_TIME_SCALE_H

#include <stdint.h>
#include <stdlib.h>

static inline int64_t cp_test_bound(int64_t ns)
{
  const char *e = getenv("CP_TEST_TIME_SCALE");
  long k = e ? strtol(e, NULL, 10) : 1;
  return k > 1 ? ns * k : ns;
}

#endif
