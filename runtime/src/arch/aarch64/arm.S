/* arch/aarch64/arm.S - __cp_arm: record a reset context and make it the armed one.
 *
 * int __cp_arm(struct cp_reset_ctx *ctx)        (returns_twice)
 *
 * Saves what AAPCS64 makes callee-saved: x19-x28, the frame pointer x29,
 * the link register x30 (the return address: where a rewound thread
 * resumes), the stack pointer (a call pushes nothing, so it is the
 * caller's) and d8-d15, in their words of regs[] (cancelpoints_abi.h's
 * CP_RESET_AARCH64_*); then ctx->chaos_resets = 0, ctx->prev =
 * __cp_tls.armed and, last, armed = ctx.
 * Returns 0.  The reset handler makes it return again, with 1, by loading
 * these registers into an interrupted context.  No syscall, no signal mask.
 */
#include "cancelpoints_abi.h"

#define REG(r) CP_RESET_OFF(CP_RESET_AARCH64_##r)

	.text
	.globl	__cp_arm
	.type	__cp_arm, %function
	.p2align 4
__cp_arm:
	.cfi_startproc
	stp	x19, x20, [x0, #REG(X19) + 0]
	stp	x21, x22, [x0, #REG(X19) + 16]
	stp	x23, x24, [x0, #REG(X19) + 32]
	stp	x25, x26, [x0, #REG(X19) + 48]
	stp	x27, x28, [x0, #REG(X19) + 64]
	stp	x29, x30, [x0, #REG(FP)]	/* FP and LR are adjacent */
	mov	x1, sp
	str	x1, [x0, #REG(SP)]
	stp	d8, d9, [x0, #REG(D8) + 0]
	stp	d10, d11, [x0, #REG(D8) + 16]
	stp	d12, d13, [x0, #REG(D8) + 32]
	stp	d14, d15, [x0, #REG(D8) + 48]
	str	xzr, [x0, #CP_RESET_CTX_CHAOS_OFF]
	mrs	x1, tpidr_el0
	adrp	x2, :gottprel:__cp_tls
	ldr	x2, [x2, #:gottprel_lo12:__cp_tls]
	add	x1, x1, x2
	ldr	x2, [x1, #CP_TLS_ARMED_OFF]
	str	x2, [x0, #CP_RESET_CTX_PREV_OFF]
	str	x0, [x1, #CP_TLS_ARMED_OFF]	/* armed = ctx */
	mov	w0, #0
	ret
	.cfi_endproc
	.size	__cp_arm, .-__cp_arm

	.section .note.GNU-stack,"",%progbits
