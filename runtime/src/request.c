/* request.c - requests that target the whole process.
 *
 * The request word holds the first cause (API, SIGINT) and the kind (hard
 * for now; graceful comes with scopes).  Setting it is not enough: every
 * thread must copy it into its poll word, which broadcast.c arranges.
 * Async-signal-safe.
 */
#include "internal.h"
#include "cancelpoints.h"

_Atomic uint32_t __cp_req_process;

void cp_request_process(int cause)
{
  uint32_t want = CP_REQ_HARD | ((uint32_t)cause << CP_REQ_CAUSE_SHIFT), old = 0;
  if (!atomic_compare_exchange_strong(&__cp_req_process, &old, want))
    atomic_fetch_or(&__cp_req_process, CP_REQ_HARD); /* the first cause stays */
  cp_count(requests);
  /* The calling thread sees it at once, even with the reset signal blocked. */
  __cp_refresh();
  __cp_broadcast();
}

CP_EXPORT void cp_cancel_process(void) { cp_request_process(CP_CAUSE_API); }
