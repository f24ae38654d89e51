/* now.c - cp_now: the clock deadlines are measured on. */
#include "internal.h"
#include "cancelpoints.h"
#include <time.h>

CP_EXPORT int64_t cp_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}
