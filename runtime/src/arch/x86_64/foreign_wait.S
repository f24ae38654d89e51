/* arch/x86_64/foreign_wait.S - where a thread moved out of a foreign wait resumes.
 *
 * foreign_wait.c's handler rewrites the interrupted context as a call made
 * at the interrupted instruction: the stack pointer 8 below where it was,
 * the interrupted PC stored there as the return address, the PC here.  So
 * the unwinder walks from here into the frames that waited (the wrapper
 * of the system call, stdio, the program's code).  The stack is not
 * aligned for a call, so this keeps the caller's frame in rbp, aligns, and
 * calls __cp_foreign_exit, which never returns.
 */
	.text
	.globl	__cp_fw_entry
	.hidden	__cp_fw_entry
	.type	__cp_fw_entry, @function
	.p2align 4
__cp_fw_entry:
	.cfi_startproc
	pushq	%rbp
	.cfi_def_cfa_offset 16
	.cfi_offset %rbp, -16
	movq	%rsp, %rbp
	.cfi_def_cfa_register %rbp
	andq	$-16, %rsp
	call	__cp_foreign_exit
	ud2
	.cfi_endproc
	.size	__cp_fw_entry, .-__cp_fw_entry

	.section .note.GNU-stack,"",@progbits
