/* arch/generic/ucontext.c - targets without reset support (yet): nothing rewinds.
 *
 * The pass emits polls only there (no __cp_arm), so no context is ever
 * armed; requests, polls, cp_check, delivery, ^C and chaos's signals work.
 */
#include "internal.h"

void __cp_rewind_uc(void *uc, const struct cp_reset_ctx *ctx)
{
  (void)uc;
  (void)ctx;
}

uintptr_t __cp_uc_sp(void *uc)
{
  (void)uc;
  return UINTPTR_MAX; /* above every context: never rewound */
}

uintptr_t __cp_restorer;

int __cp_uc_in_handler(void *uc, uintptr_t top)
{
  (void)uc;
  (void)top;
  return 0;
}
