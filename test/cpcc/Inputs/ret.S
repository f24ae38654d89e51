// An assembly file with the preprocessor, for driver.test.
#define RET ret
	.text
	.globl asm_ret
asm_ret:
	RET
