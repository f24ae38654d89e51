/* arch/aarch64/foreign_wait.S - where a thread moved out of a foreign wait resumes.
 *
 * foreign_wait.c's handler rewrites the interrupted context as a call made
 * at the interrupted instruction (ucontext.c, __cp_uc_call_foreign_exit):
 * the stack pointer 32 below where it was, holding a frame record {the
 * interrupted x29, the interrupted PC} and then the interrupted x30; x29
 * points at the record and the PC here.  The unwind information below
 * says so, with the PC's column apart from x30's (a leaf wrapper keeps its
 * return address in x30), so the unwinder walks from here into the frames
 * that waited (the wrapper of the system call, stdio, the program's code).
 * The stack is aligned; this calls __cp_foreign_exit, which never returns.
 */
	.text
	.globl	__cp_fw_entry
	.hidden	__cp_fw_entry
	.type	__cp_fw_entry, %function
	.p2align 4
__cp_fw_entry:
	.cfi_startproc
	.cfi_return_column x16
	.cfi_def_cfa sp, 32
	.cfi_offset x29, -32
	.cfi_offset x16, -24
	.cfi_offset x30, -16
	bl	__cp_foreign_exit
	brk	#0
	.cfi_endproc
	.size	__cp_fw_entry, .-__cp_fw_entry

	.section .note.GNU-stack,"",%progbits
