/* point.c - __cp_point, the pass's early marker, as a real point.
 *
 * The pass calls __cp_point at each source loop header before the optimiser
 * runs and lowers every such call after it (llvm-pass/Markers.h).  A call
 * that reaches the linker all the same (the second phase did not run) is a
 * poll: an implicit point, delivered where the marker stands.
 */
#include "internal.h"

CP_EXPORT __attribute__((noinline)) void __cp_point(int unused)
{
  (void)unused;
  if (__atomic_load_n(&__cp_tls.poll, __ATOMIC_RELAXED))
    __cp_poll_from(NULL, __builtin_return_address(0));
}

/* The pass's __cp_escape (Markers.h), should it reach the linker: nothing. */
CP_EXPORT void __cp_escape(int unused, ...) { (void)unused; }
