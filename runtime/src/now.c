/* now.c - cp_now: the clock deadlines are measured on (CLOCK_MONOTONIC, in
 * nanoseconds), and its values as a struct timespec.  Async-signal-safe. */
#include "cancelpoints.h"
#include "internal.h"
#include <time.h>

CP_EXPORT int64_t cp_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * CP_NS_PER_S + ts.tv_nsec;
}

struct timespec __cp_timespec(int64_t ns)
{
  if (ns < 0)
    ns = 0;
  struct timespec ts = {(time_t)(ns / CP_NS_PER_S), (long)(ns % CP_NS_PER_S)};
  return ts;
}
