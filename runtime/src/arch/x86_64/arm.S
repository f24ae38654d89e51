/* arch/x86_64/arm.S - __cp_arm: record a reset context and make it the armed one.
 *
 * int __cp_arm(struct cp_reset_ctx *ctx)        (returns_twice)
 *
 * Saves rbx rbp r12 r13 r14 r15, the stack pointer the caller has after the
 * return and the return address in their words of regs[] (the layout is
 * cancelpoints_abi.h's CP_RESET_X86_64_*); then ctx->chaos_resets = 0,
 * ctx->prev = __cp_tls.armed and, last, armed = ctx.
 * Returns 0.  The reset handler makes it return again, with 1, by loading
 * these registers into an interrupted context.  No syscall, no signal mask.
 */
#include "cancelpoints_abi.h"

#define REG(r) CP_RESET_OFF(CP_RESET_X86_64_##r)

	.text
	.globl	__cp_arm
	.type	__cp_arm, @function
	.p2align 4
__cp_arm:
	.cfi_startproc
	movq	%rbx, REG(RBX)(%rdi)
	movq	%rbp, REG(RBP)(%rdi)
	movq	%r12, REG(R12)(%rdi)
	movq	%r13, REG(R13)(%rdi)
	movq	%r14, REG(R14)(%rdi)
	movq	%r15, REG(R15)(%rdi)
	leaq	8(%rsp), %rdx			/* above the return address */
	movq	%rdx, REG(SP)(%rdi)
	movq	(%rsp), %rdx
	movq	%rdx, REG(PC)(%rdi)
	movq	$0, CP_RESET_CTX_CHAOS_OFF(%rdi)
	movq	__cp_tls@GOTTPOFF(%rip), %rax
	movq	%fs:CP_TLS_ARMED_OFF(%rax), %rdx
	movq	%rdx, CP_RESET_CTX_PREV_OFF(%rdi)
	movq	%rdi, %fs:CP_TLS_ARMED_OFF(%rax) /* armed = ctx */
	xorl	%eax, %eax
	ret
	.cfi_endproc
	.size	__cp_arm, .-__cp_arm

	.section .note.GNU-stack,"",@progbits
