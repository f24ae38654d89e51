/* arch/generic/syscall.c - __cp_syscall_cp where no arch/<cpu>/syscall.S
 * exists, and what the reset handler can tell of it: nothing.
 *
 * Correct for every request that arrives before the call (checked) or while
 * a non-restarted syscall blocks (EINTR, then __cp_applies), and for a
 * request that arrives while a restartable one blocks only if a later
 * reset signal interrupts a non-restartable point.  The handler cannot move
 * this C code's PC out of a window, so a request that lands between the
 * seq check below and the kernel's entry, or during a read/write/accept
 * that SA_RESTART restarts, is seen only at the thread's next point or
 * next interrupted call.  An EINTR is taken to be ours if a signal of ours
 * came during the call (a foreign EINTR at the same time is lost).  Port
 * arch/x86_64/syscall.S and syscall_uc.c (a dozen instructions and a PC
 * test) to close it.  No system call is recognised from a context, so no
 * foreign wait is taken either (foreign_wait.c).
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

/* The PC is not known to be anywhere: every signal of ours may have ended
 * the syscall with its EINTR. */
int __cp_sc_at(void *uc)
{
  (void)uc;
  return CP_SC_EINTR;
}

void __cp_sc_cancel_uc(void *uc) { (void)uc; }

long __cp_uc_syscall(void *uc)
{
  (void)uc;
  return -1;
}

long __cp_uc_syscall_arg(void *uc, int i)
{
  (void)uc;
  (void)i;
  return 0;
}
