/* arch/aarch64/ucontext.c - read and rewrite an interrupted aarch64 context.
 *
 * The reset handler calls __cp_rewind_uc with the ucontext the kernel gave
 * it: the registers __cp_arm saved go into the context, x0 = 1 and the PC
 * = the saved link register, so that returning from the handler returns
 * from __cp_arm a second time.  d8-d15 live in the signal frame's records
 * (uc_mcontext.__reserved): the FP/SIMD record's V registers, and the low
 * 64 bits of Z8-Z15 in the SVE record when it carries registers (sigreturn
 * restores the vector registers from it then).  The point is a function
 * call boundary, so PSTATE's branch type (BTI) is cleared too.
 * It also tells whether another handler's signal frame lies between the
 * interrupted context and the point: the FP/SIMD record's header, which
 * the kernel writes into every signal frame.
 * Async-signal-safe: reads and writes of the context and the stack only.
 */
#include "internal.h"
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <ucontext.h>

#define CP_PSTATE_BTYPE 0xc00u /* PSTATE.BTYPE, bits 10-11 */
#define CP_X_FP         29
#define CP_X_LR         30

/* The record of the signal frame with magic, or NULL: the records of
 * __reserved, and those an extra_context record points to. */
static struct _aarch64_ctx *cp_record(mcontext_t *mc, uint32_t magic)
{
  unsigned char *p = mc->__reserved, *end = p + sizeof mc->__reserved;
  int followed = 0;
  while (p + sizeof(struct _aarch64_ctx) <= end) {
    struct _aarch64_ctx *h = (struct _aarch64_ctx *)p;
    if (h->magic == 0 || h->size < sizeof *h || h->size > (size_t)(end - p))
      return NULL;
    if (h->magic == magic)
      return h;
    if (h->magic == EXTRA_MAGIC && !followed && h->size >= sizeof(struct extra_context)) {
      const struct extra_context *x = (const struct extra_context *)h;
      p = (unsigned char *)(uintptr_t)x->datap;
      end = p + x->size;
      followed = 1;
      continue;
    }
    p += h->size;
  }
  return NULL;
}

/* Write the 64-bit value v into the low half of a vector register image,
 * the rest of its low 128 bits zero (d writes clear them too). */
static void cp_put_d(unsigned char *reg, uint64_t v)
{
  memset(reg, 0, 16);
  memcpy(reg, &v, sizeof v);
}

int __cp_rewind_uc(void *ucp, const struct cp_reset_ctx *ctx)
{
  ucontext_t *uc = ucp;
  mcontext_t *mc = &uc->uc_mcontext;
  struct fpsimd_context *fp = (struct fpsimd_context *)cp_record(mc, FPSIMD_MAGIC);
  if (!fp || fp->head.size < sizeof *fp)
    return 0; /* d8-d15 could not be restored */
  struct sve_context *sve = (struct sve_context *)cp_record(mc, SVE_MAGIC);
  unsigned vq = 0;
  if (sve && sve->head.size >= sizeof *sve) {
    vq = sve_vq_from_vl(sve->vl);
    if (sve->head.size < SVE_SIG_CONTEXT_SIZE(vq))
      vq = 0; /* no registers in it: the FP/SIMD record is restored */
  }
  for (int n = 0; n < 10; n++)
    mc->regs[19 + n] = ctx->regs[CP_RESET_AARCH64_X19 + n];
  mc->regs[CP_X_FP] = ctx->regs[CP_RESET_AARCH64_FP];
  mc->regs[CP_X_LR] = ctx->regs[CP_RESET_AARCH64_LR];
  mc->sp = ctx->regs[CP_RESET_AARCH64_SP];
  mc->pc = ctx->regs[CP_RESET_AARCH64_PC];
  mc->regs[0] = 1;
  mc->pstate &= ~(unsigned long long)CP_PSTATE_BTYPE;
  for (int n = 0; n < 8; n++) {
    uint64_t d = ctx->regs[CP_RESET_AARCH64_D8 + n];
    cp_put_d((unsigned char *)&fp->vregs[8 + n], d);
    if (vq)
      cp_put_d((unsigned char *)sve + SVE_SIG_ZREG_OFFSET(vq, 8 + n), d);
  }
  return 1;
}

uintptr_t __cp_uc_pc(void *ucp)
{
  ucontext_t *uc = ucp;
  return (uintptr_t)uc->uc_mcontext.pc;
}

uintptr_t __cp_uc_sp(void *ucp)
{
  ucontext_t *uc = ucp;
  return (uintptr_t)uc->uc_mcontext.sp;
}

/* foreign_wait.S: where the context is sent, with the words below. */
extern const char __cp_fw_entry[];

/* A call made at the interrupted instruction, in a frame of 32 bytes that
 * foreign_wait.S's unwind information describes: a frame record {x29, the
 * interrupted PC} at sp, then the interrupted x30 (a leaf's return
 * address, which unwinding through the wrapper needs). */
void __cp_uc_call_foreign_exit(void *ucp)
{
  ucontext_t *uc = ucp;
  mcontext_t *mc = &uc->uc_mcontext;
  uintptr_t sp = (uintptr_t)mc->sp - 32;
  uint64_t *w = (uint64_t *)sp;
  w[0] = mc->regs[CP_X_FP];
  w[1] = mc->pc;
  w[2] = mc->regs[CP_X_LR];
  w[3] = 0;
  mc->sp = sp;
  mc->regs[CP_X_FP] = sp;
  mc->pc = (uintptr_t)__cp_fw_entry;
  mc->pstate &= ~(unsigned long long)CP_PSTATE_BTYPE;
}

/* Unused here (x86_64 finds signal frames by it); reset.c sets it. */
uintptr_t __cp_restorer;

/* Farther than this from its point, a thread is taken to be elsewhere (on
 * another stack, or in a handler): no rewind, and no read of memory that
 * may not be mapped. */
#define CP_SCAN_MAX (256u << 10)

/* The FP/SIMD record's header as one word: {magic, size}. */
#define CP_FPSIMD_HEAD ((uint64_t)sizeof(struct fpsimd_context) << 32 | FPSIMD_MAGIC)

int __cp_uc_in_handler(void *uc, uintptr_t top)
{
  uintptr_t sp = __cp_uc_sp(uc) & ~(uintptr_t)15;
  if (top - sp > CP_SCAN_MAX)
    return 1;
  /* The header sits at __reserved, 16-aligned in the frame; the context
   * that frame interrupted has its stack pointer above the frame. */
  const size_t back = offsetof(mcontext_t, __reserved) - offsetof(mcontext_t, sp);
  for (uintptr_t p = sp + back; p + sizeof(uint64_t) <= top; p += 16) {
    if (*(const uint64_t *)p != CP_FPSIMD_HEAD)
      continue;
    uintptr_t their_sp = *(const uint64_t *)(p - back);
    if (their_sp > p)
      return 1;
  }
  return 0;
}
