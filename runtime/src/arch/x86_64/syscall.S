/* arch/x86_64/syscall.S - the syscall window of the cancellable blocking calls.
 *
 * long __cp_syscall_cp(uint64_t seq, long nr, long a1, long a2, long a3,
 *                      long a4, long a5, long a6)
 *
 * Makes syscall nr with a1..a6 and returns the kernel's result (-errno on
 * failure), unless the thread's reset-signal count (__cp_btls.seq) is no
 * longer seq, the value the caller read before it asked __cp_applies:
 * then a reset signal of ours ran after that question, and the routine
 * returns CP_SC_RECHECK (never a syscall's result) at once, without
 * entering the kernel.  The caller asks again.
 *
 * The decision for a signal that lands from __cp_sc_begin up to and
 * including the syscall instruction (__cp_sc_call) is made in the reset
 * handler, from the interrupted PC (blocking.c, __cp_blocking_on_signal):
 * if a request applies it moves the PC to __cp_sc_cancel, which returns
 * CP_SC_CANCEL.  A syscall that blocked and is interrupted is at
 * __cp_sc_call again when the kernel will restart it (SA_RESTART): it had
 * no effect, so it can be abandoned the same way.  Once the kernel has
 * returned (PC at __cp_sc_end or later) the call completed, or failed with
 * EINTR: the handler leaves it alone and the C wrapper decides.
 * musl's cancellation window is the model; the code is ours.
 */
#include "blocking.h"

	.text
	.globl	__cp_syscall_cp
	.hidden	__cp_syscall_cp
	.globl	__cp_sc_begin
	.hidden	__cp_sc_begin
	.globl	__cp_sc_call
	.hidden	__cp_sc_call
	.globl	__cp_sc_end
	.hidden	__cp_sc_end
	.globl	__cp_sc_cancel
	.hidden	__cp_sc_cancel
	.type	__cp_syscall_cp, @function
	.p2align 4
__cp_syscall_cp:
	.cfi_startproc
	movq	%rsi, %rax		/* nr */
	movq	%rdi, %r11		/* seq */
	movq	%rdx, %rdi		/* a1 */
	movq	%rcx, %rsi		/* a2 */
	movq	%r8, %rdx		/* a3 */
	movq	%r9, %r10		/* a4 */
	movq	8(%rsp), %r8		/* a5 */
	movq	16(%rsp), %r9		/* a6 */
__cp_sc_begin:
	movq	__cp_btls@GOTTPOFF(%rip), %rcx
	cmpq	%fs:CP_BTLS_SEQ_OFF(%rcx), %r11	/* __cp_btls.seq */
	jne	1f
__cp_sc_call:
	syscall
__cp_sc_end:
	ret
1:
	movq	$CP_SC_RECHECK, %rax
	ret
__cp_sc_cancel:
	movq	$CP_SC_CANCEL, %rax
	ret
	.cfi_endproc
	.size	__cp_syscall_cp, .-__cp_syscall_cp

	.section .note.GNU-stack,"",@progbits
