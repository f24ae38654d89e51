/* ucontext_x86_64.c - move an interrupted x86_64 context back to its point.
 *
 * The reset handler calls this with the ucontext the kernel gave it: the
 * registers __cp_arm saved go into the context, rax = 1, so that returning
 * from the handler returns from __cp_arm a second time.  The point is a
 * function-call boundary, so the ABI state there is restored too: direction
 * flag clear, x87 register stack empty.
 */
#include "internal.h"
#include <ucontext.h>

void __cp_rewind_uc(void *ucp, const struct cp_reset_ctx *ctx)
{
  ucontext_t *uc = ucp;
  greg_t *g = uc->uc_mcontext.gregs;
  g[REG_RBX] = (greg_t)ctx->regs[0];
  g[REG_RBP] = (greg_t)ctx->regs[1];
  g[REG_R12] = (greg_t)ctx->regs[2];
  g[REG_R13] = (greg_t)ctx->regs[3];
  g[REG_R14] = (greg_t)ctx->regs[4];
  g[REG_R15] = (greg_t)ctx->regs[5];
  g[REG_RSP] = (greg_t)ctx->regs[6];
  g[REG_RIP] = (greg_t)ctx->regs[7];
  g[REG_RAX] = 1;
  g[REG_EFL] &= ~(greg_t)0x400; /* DF */
  if (uc->uc_mcontext.fpregs) {
    uc->uc_mcontext.fpregs->ftw = 0;          /* fxsave abridged tags: all empty */
    uc->uc_mcontext.fpregs->swd &= ~0x3800u;  /* x87 TOP = 0 */
  }
}

uintptr_t __cp_uc_sp(void *ucp)
{
  ucontext_t *uc = ucp;
  return (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
}
