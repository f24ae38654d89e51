/* arch/aarch64/syscall.S - the syscall window of the cancellable blocking calls.
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
 * including the `svc #0` (__cp_sc_call) is made in the reset handler, from
 * the interrupted PC (syscall_uc.c): if a request applies it moves the PC
 * to __cp_sc_cancel, which returns CP_SC_CANCEL.  A syscall that blocked
 * and is interrupted is at __cp_sc_call again when the kernel will restart
 * it (SA_RESTART: PC back on the svc, x0 its first argument again): it had
 * no effect, so it can be abandoned the same way.  Once the kernel has
 * returned (PC at __cp_sc_end or later) the call completed, or failed with
 * EINTR: the handler leaves it alone and the C wrapper decides.
 * The same window as arch/x86_64/syscall.S; the syscall number stays in x8.
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
	.type	__cp_syscall_cp, %function
	.p2align 4
__cp_syscall_cp:
	.cfi_startproc
	mov	x9, x0			/* seq */
	mov	x8, x1			/* nr */
	mov	x0, x2			/* a1 */
	mov	x1, x3			/* a2 */
	mov	x2, x4			/* a3 */
	mov	x3, x5			/* a4 */
	mov	x4, x6			/* a5 */
	mov	x5, x7			/* a6 */
__cp_sc_begin:
	mrs	x10, tpidr_el0
	adrp	x11, :gottprel:__cp_btls
	ldr	x11, [x11, #:gottprel_lo12:__cp_btls]
	add	x10, x10, x11
	ldr	x10, [x10, #CP_BTLS_SEQ_OFF]	/* __cp_btls.seq */
	cmp	x10, x9
	b.ne	1f
__cp_sc_call:
	svc	#0
__cp_sc_end:
	ret
1:
	mov	x0, #CP_SC_RECHECK
	ret
__cp_sc_cancel:
	mov	x0, #CP_SC_CANCEL
	ret
	.cfi_endproc
	.size	__cp_syscall_cp, .-__cp_syscall_cp

	.section .note.GNU-stack,"",%progbits
