/* check.c - the explicit points cp_check and cp_check_graceful.
 *
 * One or two TLS loads when nothing is pending.  They never jump: a pending
 * request that applies (not shielded) makes them return -1 with errno
 * ECANCELED, and the scope that catches it records that it was seen (its
 * cp_scope_run returns -1/ECANCELED even if fn then returns normally).
 * They read state only, so a reset that moves the thread back to a point in
 * front of them just runs them again.
 */
#include "cancelpoints.h"
#include "scope.h"
#include <errno.h>

static __attribute__((noinline, cold)) int cp_check_slow(int graceful)
{
  struct cp_verdict v;
  __cp_held_at_point();
  __cp_update_poll(&v);
  if (!cp_verdict_applies(&v, graceful))
    return 0;
  __cp_note_seen(cp_verdict_catcher(&v));
  errno = ECANCELED;
  return -1;
}

CP_EXPORT int cp_check(void)
{
  if (cp_likely(__atomic_load_n(&__cp_tls.poll, __ATOMIC_RELAXED) == 0))
    return 0;
  return cp_check_slow(0);
}

CP_EXPORT int cp_check_graceful(void)
{
  if (cp_likely(__atomic_load_n(&__cp_tls.poll, __ATOMIC_RELAXED) == 0 && __cp_tls.graceful == 0))
    return 0;
  return cp_check_slow(1);
}
