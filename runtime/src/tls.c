/* tls.c - the thread's cancellation state.
 *
 * One initial-exec TLS record per thread, read inline by instrumented code
 * (the poll loads __cp_tls.poll, arming links __cp_tls.armed).  All zero is
 * the idle state, so a thread the runtime never saw needs no set-up.
 */
#include "internal.h"

CP_EXPORT __thread struct cp_tls __cp_tls __attribute__((tls_model("initial-exec")));

/* Whatever uses the state pulls this object out of the static library;
 * this reference pulls in the constructor with it. */
__attribute__((used)) static void (*const cp_pull_init)(void) = __cp_init;
