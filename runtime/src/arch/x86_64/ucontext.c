/* arch/x86_64/ucontext.c - read and rewrite an interrupted x86_64 context.
 *
 * The reset handler calls __cp_rewind_uc with the ucontext the kernel gave
 * it: the registers __cp_arm saved go into the context, rax = 1, so that
 * returning from the handler returns from __cp_arm a second time.  The
 * point is a function-call boundary, so the ABI state there is restored
 * too: direction flag clear, x87 register stack empty.
 * It also tells whether another handler's signal frame lies between the
 * interrupted context and the point: its return address is libc's
 * sa_restorer (__restore_rt), pushed by the kernel.
 * Async-signal-safe: reads and writes of the context and the stack only.
 */
#include "internal.h"
#include <ucontext.h>

#define CP_EFLAGS_DF   0x400u  /* the direction flag */
#define CP_X87_SWD_TOP 0x3800u /* the x87 status word's stack-top field */

static void cp_abi_at_call(ucontext_t *uc)
{
  uc->uc_mcontext.gregs[REG_EFL] &= ~(greg_t)CP_EFLAGS_DF;
}

int __cp_rewind_uc(void *ucp, const struct cp_reset_ctx *ctx)
{
  ucontext_t *uc = ucp;
  greg_t *g = uc->uc_mcontext.gregs;
  g[REG_RBX] = (greg_t)ctx->regs[CP_RESET_X86_64_RBX];
  g[REG_RBP] = (greg_t)ctx->regs[CP_RESET_X86_64_RBP];
  g[REG_R12] = (greg_t)ctx->regs[CP_RESET_X86_64_R12];
  g[REG_R13] = (greg_t)ctx->regs[CP_RESET_X86_64_R13];
  g[REG_R14] = (greg_t)ctx->regs[CP_RESET_X86_64_R14];
  g[REG_R15] = (greg_t)ctx->regs[CP_RESET_X86_64_R15];
  g[REG_RSP] = (greg_t)ctx->regs[CP_RESET_X86_64_SP];
  g[REG_RIP] = (greg_t)ctx->regs[CP_RESET_X86_64_PC];
  g[REG_RAX] = 1;
  cp_abi_at_call(uc);
  if (uc->uc_mcontext.fpregs) {
    uc->uc_mcontext.fpregs->ftw = 0;                /* fxsave abridged tags: all empty */
    uc->uc_mcontext.fpregs->swd &= ~CP_X87_SWD_TOP; /* x87 TOP = 0 */
  }
  return 1;
}

uintptr_t __cp_uc_pc(void *ucp)
{
  ucontext_t *uc = ucp;
  return (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
}

uintptr_t __cp_uc_sp(void *ucp)
{
  ucontext_t *uc = ucp;
  return (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
}

/* foreign_wait.S: aligns the stack and calls __cp_foreign_exit. */
extern const char __cp_fw_entry[];

void __cp_uc_call_foreign_exit(void *ucp)
{
  ucontext_t *uc = ucp;
  greg_t *g = uc->uc_mcontext.gregs;
  uintptr_t sp = (uintptr_t)g[REG_RSP] - sizeof(uintptr_t);
  *(uintptr_t *)sp = (uintptr_t)g[REG_RIP]; /* the return address */
  g[REG_RSP] = (greg_t)sp;
  g[REG_RIP] = (greg_t)(uintptr_t)__cp_fw_entry;
  cp_abi_at_call(uc);
}

uintptr_t __cp_restorer;

/* Farther than this from its point, a thread is taken to be elsewhere (on
 * another stack, or in a handler): no rewind, and no read of memory that
 * may not be mapped. */
#define CP_SCAN_MAX (256u << 10)

int __cp_uc_in_handler(void *uc, uintptr_t top)
{
  uintptr_t sp = __cp_uc_sp(uc) & ~(uintptr_t)(sizeof(uintptr_t) - 1), r = __cp_restorer;
  if (top - sp > CP_SCAN_MAX)
    return 1;
  if (!r)
    return 0;
  for (const uintptr_t *p = (const uintptr_t *)sp; p < (const uintptr_t *)top; p++)
    if (*p == r)
      return 1;
  return 0;
}
