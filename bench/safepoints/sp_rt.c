/* The safepoint baseline's "runtime": the flag the polls read and the slow
 * path (which a real runtime would use to stop the thread). */
#include <stdint.h>

__thread volatile uint32_t __sp_flag;
unsigned long __sp_polls_taken;

void __sp_poll_slow(void) { __sp_polls_taken++; }
