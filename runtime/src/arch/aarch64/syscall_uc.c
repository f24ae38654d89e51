/* arch/aarch64/syscall_uc.c - system calls as the reset handler sees them
 * in an interrupted aarch64 context: where the thread is in syscall.S's
 * window (blocking.c decides from it), and which system call a thread
 * outside it is making (foreign_wait.c):
 *  - PC on an `svc #0`: the kernel will restart the call (SA_RESTART
 *    moved the PC back and x0 holds its first argument again), or the
 *    thread is about to make it.
 *  - PC just past one with x0 = -EINTR: a call the kernel does not restart
 *    (poll, nanosleep, timed futex ...) ended for this signal.
 * Either way x8 holds the call's number (the kernel does not change it).
 * Async-signal-safe: reads of the context and of code words only.
 */
#include "blocking.h"
#include <errno.h>
#include <string.h>
#include <ucontext.h>

/* syscall.S's labels. */
extern const char __cp_sc_begin[], __cp_sc_call[], __cp_sc_end[], __cp_sc_cancel[];

#define CP_SVC0     0xd4000001u /* svc #0 */
#define CP_INSN_LEN 4
#define CP_X_NR     8

static int cp_is_svc(uintptr_t pc)
{
  uint32_t insn;
  memcpy(&insn, (const void *)pc, sizeof insn);
  return insn == CP_SVC0;
}

int __cp_sc_at(void *ucp)
{
  ucontext_t *uc = ucp;
  uintptr_t pc = (uintptr_t)uc->uc_mcontext.pc;
  if (pc >= (uintptr_t)__cp_sc_begin && pc <= (uintptr_t)__cp_sc_call)
    return CP_SC_BEFORE;
  /* The kernel ended the syscall with EINTR for this signal (it did not
   * restart it): the EINTR is ours. */
  if (pc == (uintptr_t)__cp_sc_end && (long)uc->uc_mcontext.regs[0] == -EINTR)
    return CP_SC_EINTR;
  if (pc >= (uintptr_t)__cp_sc_begin && pc <= (uintptr_t)__cp_sc_cancel)
    return CP_SC_IN;
  return CP_SC_OUT;
}

void __cp_sc_cancel_uc(void *ucp)
{
  ucontext_t *uc = ucp;
  uc->uc_mcontext.pc = (uintptr_t)__cp_sc_cancel;
}

/* On the svc (restarted, or not made yet): 1; just past one that ended
 * with EINTR: 2; else 0.  Code words are 4-aligned, so the word before
 * the PC is on the PC's page or in the same mapping's previous one only
 * when the PC is not a page's first word. */
#define CP_PAGE 4096u
static int cp_svc_state(const ucontext_t *uc)
{
  uintptr_t pc = (uintptr_t)uc->uc_mcontext.pc;
  if (pc & (CP_INSN_LEN - 1))
    return 0;
  if (cp_is_svc(pc))
    return 1;
  if ((pc & (CP_PAGE - 1)) >= CP_INSN_LEN && cp_is_svc(pc - CP_INSN_LEN) &&
      (long)uc->uc_mcontext.regs[0] == -EINTR)
    return 2;
  return 0;
}

long __cp_uc_syscall(void *ucp)
{
  ucontext_t *uc = ucp;
  return cp_svc_state(uc) ? (long)uc->uc_mcontext.regs[CP_X_NR] : -1;
}

/* Argument 0 of a call that ended with EINTR is its result now: 0 then. */
long __cp_uc_syscall_arg(void *ucp, int i)
{
  ucontext_t *uc = ucp;
  if (i < 0 || i > 5 || (i == 0 && cp_svc_state(uc) != 1))
    return 0;
  return (long)uc->uc_mcontext.regs[i];
}

int __cp_uc_fail_syscall(void *ucp, int err)
{
  ucontext_t *uc = ucp;
  switch (cp_svc_state(uc)) {
  case 1: /* restarted, or not made yet */
    uc->uc_mcontext.regs[0] = (unsigned long long)(long long)-err;
    uc->uc_mcontext.pc += CP_INSN_LEN;
    return 1;
  case 2: /* ended for this signal already (a call the kernel does not restart) */
    return 1;
  default:
    return 0;
  }
}
