/* arch/generic/ucontext.c - targets without reset support (yet): nothing
 * rewinds, nothing is diverted.
 *
 * The pass emits polls only there (no __cp_arm), so no context is ever
 * armed; requests, polls, cp_check, delivery, ^C and chaos's signals work.
 */
#include "internal.h"
#include <ucontext.h>

int __cp_rewind_uc(void *uc, const struct cp_reset_ctx *ctx)
{
  (void)uc;
  (void)ctx;
  return 0;
}

/* The PC is unknown here: 0. */
uintptr_t __cp_uc_pc(void *ucp)
{
  (void)ucp;
  return 0;
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
