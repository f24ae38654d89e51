/* The poll LLVM's place-safepoints pass inserts (and inlines): the same shape
 * as cancelpoints' naive poll, a load of a thread-local flag and a cold call
 * to an out-of-line slow path.  The asm label gives the function the name
 * the pass looks for, gc.safepoint_poll. */
#include <stdint.h>

extern __thread volatile uint32_t __sp_flag;
void __sp_poll_slow(void);

void gc_safepoint_poll(void) __asm__("gc.safepoint_poll");
void gc_safepoint_poll(void) {
  if (__builtin_expect(__sp_flag != 0, 0))
    __sp_poll_slow();
}
