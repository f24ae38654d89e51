/* cancelpoints.h - the program's side of cancelpoints.
 *
 * Link with libcancelpoints_rt (-lcancelpoints_rt -lpthread -lunwind -ldl),
 * or build with cpcc, which does it.  Uniform conventions, as in libdill:
 * calls that can fail return -1 and set errno; ECANCELED means "a
 * cancellation request reached this point"; times are int64_t nanoseconds of
 * cp_now()'s clock.  Compiles as C11 and as C++.
 */
#ifndef CANCELPOINTS_H
#define CANCELPOINTS_H

#include <stdint.h>

#define CANCELPOINTS_VERSION_MAJOR 0
#define CANCELPOINTS_VERSION_MINOR 1
#define CANCELPOINTS_VERSION_PATCH 0
/* major * 10000 + minor * 100 + patch */
#define CANCELPOINTS_VERSION                                                   \
  (CANCELPOINTS_VERSION_MAJOR * 10000 + CANCELPOINTS_VERSION_MINOR * 100 +     \
   CANCELPOINTS_VERSION_PATCH)

#ifdef __cplusplus
extern "C" {
#endif

/* An explicit point: 0, or -1 with errno ECANCELED when a hard request is
 * pending for this thread and not shielded.  Never jumps. */
int cp_check(void);

/* Like cp_check, but graceful requests are seen too. */
int cp_check_graceful(void);

/* Requests cancellation of the whole process (hard): every thread sees it
 * at its next point; with no cancel scope, the process reports and exits
 * with status 130.  Async-signal-safe. */
void cp_cancel_process(void);

/* CLOCK_MONOTONIC, in nanoseconds. */
int64_t cp_now(void);

#ifdef __cplusplus
}
#endif

#endif
