/* altstack.c - was an interrupted context running on its alternate signal
 * stack?  The kernel saved the alternate stack's bounds in the ucontext, not
 * whether the context was on it: the answer is in its stack pointer.  The
 * reset handler never abandons such a context (a handler of the program's
 * was running there), nor does the foreign wait.  Async-signal-safe. */
#include "internal.h"
#include <signal.h>
#include <ucontext.h>

int __cp_uc_on_altstack(void *ucp)
{
  ucontext_t *uc = ucp;
  return !(uc->uc_stack.ss_flags & SS_DISABLE) &&
         __cp_uc_sp(uc) - (uintptr_t)uc->uc_stack.ss_sp < uc->uc_stack.ss_size;
}
