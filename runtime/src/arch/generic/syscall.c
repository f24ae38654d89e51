/* arch/generic/syscall.c - __cp_syscall_cp where no arch/<cpu>/syscall.S exists.
 *
 * Correct for every request that arrives before the call (checked) or while
 * a non-restarted syscall blocks (EINTR, then __cp_applies), and for a
 * request that arrives while a restartable one blocks only if a later
 * reset signal interrupts a non-restartable point.  The handler cannot move
 * this C code's PC out of a window, so a request that lands between the
 * seq check below and the kernel's entry, or during a read/write/accept
 * that SA_RESTART restarts, is seen only at the thread's next point or
 * next interrupted call.  Port arch/x86_64/syscall.S (a dozen instructions and
 * a PC test in blocking.c) to close it.
 */
#include "blocking.h"
#include <errno.h>
#include <unistd.h>

long __cp_syscall_cp(uint64_t seq, long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
  if (__cp_btls.seq != seq)
    return CP_SC_RECHECK;
  long r = syscall(nr, a1, a2, a3, a4, a5, a6);
  return r == -1 ? -errno : r;
}
