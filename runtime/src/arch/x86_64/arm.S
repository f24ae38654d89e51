/* arch/x86_64/arm.S - __cp_arm: record a reset context and make it the armed one.
 *
 * int __cp_arm(struct cp_reset_ctx *ctx)        (returns_twice)
 *
 * Saves rbx rbp r12 r13 r14 r15 in regs[0..5], the stack pointer the caller
 * has after the return in regs[6] and the return address in regs[7]; then
 * ctx->chaos_resets = 0, ctx->prev = __cp_tls.armed and, last, armed = ctx.
 * Returns 0.  The reset handler makes it return again, with 1, by loading
 * these registers into an interrupted context.  No syscall, no signal mask.
 */
	.text
	.globl	__cp_arm
	.type	__cp_arm, @function
	.p2align 4
__cp_arm:
	.cfi_startproc
	movq	%rbx, 0(%rdi)
	movq	%rbp, 8(%rdi)
	movq	%r12, 16(%rdi)
	movq	%r13, 24(%rdi)
	movq	%r14, 32(%rdi)
	movq	%r15, 40(%rdi)
	leaq	8(%rsp), %rdx
	movq	%rdx, 48(%rdi)
	movq	(%rsp), %rdx
	movq	%rdx, 56(%rdi)
	movq	$0, 72(%rdi)			/* chaos_resets */
	movq	__cp_tls@GOTTPOFF(%rip), %rax
	movq	%fs:8(%rax), %rdx		/* CP_TLS_ARMED_OFF */
	movq	%rdx, 64(%rdi)			/* prev */
	movq	%rdi, %fs:8(%rax)		/* armed = ctx */
	xorl	%eax, %eax
	ret
	.cfi_endproc
	.size	__cp_arm, .-__cp_arm

	.section .note.GNU-stack,"",@progbits
