/* arch/generic/ucontext.c - targets without reset support (yet): nothing
 * rewinds, nothing is diverted.
 *
 * The pass emits polls only there (no __cp_arm), so no context is ever
 * armed; requests, polls, cp_check, delivery, ^C and chaos's signals work.
 */
#include "internal.h"
#include <ucontext.h>

void __cp_rewind_uc(void *uc, const struct cp_reset_ctx *ctx)
{
  (void)uc;
  (void)ctx;
}

/* The PC where <ucontext.h> names it plainly; else 0 (unknown). */
uintptr_t __cp_uc_pc(void *ucp)
{
#if defined(__aarch64__)
  ucontext_t *uc = ucp;
  return (uintptr_t)uc->uc_mcontext.pc;
#else
  (void)ucp;
  return 0;
#endif
}

uintptr_t __cp_uc_sp(void *uc)
{
  (void)uc;
  return UINTPTR_MAX; /* above every context: never rewound */
}

/* Never asked: __cp_uc_syscall finds no system call here. */
void __cp_uc_call_foreign_exit(void *uc) { (void)uc; }

uintptr_t __cp_restorer;

int __cp_uc_in_handler(void *uc, uintptr_t top)
{
  (void)uc;
  (void)top;
  return 0;
}

/* Unknown here: the call goes on. */
int __cp_uc_fail_syscall(void *uc, int err)
{
  (void)uc;
  (void)err;
  return 0;
}
