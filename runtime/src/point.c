/* point.c - the pass's early marker (CP_SYM_POINT), as a real point.
 *
 * The pass calls the marker at each source loop header before the optimiser
 * runs and lowers every such call after it (llvm-pass/Markers.h).  A call
 * that reaches the linker all the same (the second phase did not run) is a
 * poll: an implicit point, delivered where the marker stands.  The marker's
 * name is not a C identifier, so the definition takes it by an asm label.
 */
#include "internal.h"

CP_EXPORT __attribute__((noinline)) void cp_point_marker(int unused) __asm__(CP_SYM_POINT);
CP_EXPORT __attribute__((noinline)) void cp_point_marker(int unused)
{
  (void)unused;
  if (__atomic_load_n(&__cp_tls.poll, __ATOMIC_RELAXED))
    __cp_poll_from(NULL, __builtin_return_address(0));
}

/* The pass's __cp_escape (Markers.h), should it reach the linker: nothing. */
CP_EXPORT void __cp_escape(int unused, ...) { (void)unused; }
