/* st.h - helpers of the scope tests: what the pass emits (cp_emul.h), a
 * spinning loop with an implicit point, and markers through pipes. */
#ifndef ST_H
#define ST_H
#include "../../Inputs/time_scale.h"
#include "../../runtime/Inputs/cp_emul.h"
#include <cancelpoints.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct cp_site st_site = {"st_spin", "st.h", 1, CP_SITE_LOOP};

/* A loop with an implicit point at its header, forever. */
static __attribute__((noinline)) void st_spin(void)
{
  volatile unsigned long n = 0;
  for (;;) {
    CP_POLL(&st_site);
    n++;
  }
}

/* An effect-free region armed around a spin: delivered by a reset. */
static __attribute__((noinline)) void st_spin_armed(void)
{
  CP_CTX(ctx);
  __cp_arm(&ctx);
  CP_POLL(&st_site);
  for (;;) {
  }
}

#define ST_CHECK(c)                                                            \
  do {                                                                         \
    if (!(c)) {                                                                \
      printf("FAILED %s:%d: %s\n", __FILE__, __LINE__, #c);                    \
      exit(1);                                                                 \
    }                                                                          \
  } while (0)

static double st_ms(int64_t ns) { return (double)ns / 1e6; }

/* An upper bound on a latency, in ns (time_scale.h). */
static int64_t st_bound(int64_t ns) { return cp_test_bound(ns); }
#endif
