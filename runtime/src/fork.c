/* fork.c - the child of fork() starts with a fresh registry and broadcaster.
 *
 * The scopes' list lock is held across fork by the forking thread, so no
 * other thread can have it locked in the child's copy (scope.c).
 *
 * The child has one thread: the parent's tids in the registry mean nothing
 * there, and a broadcast the parent was running when it forked will never
 * finish in the child.  The request words are kept: a child forked by a
 * cancelled process is cancelled too.  Chaos mode does not follow fork (its
 * thread is not copied).
 */
#include "internal.h"
#include "scope.h"
#include <pthread.h>

static void cp_fork_child(void)
{
  __cp_scopes_fork_child();
  __cp_ids_forget(); /* first: what follows asks for the child's ids */
  __cp_registry_fork_child();
  __cp_broadcast_fork_child();
  __cp_canceller_fork_child();
  __cp_on_cancel_fork_child();
  __cp_runtime_threads_fork_child();
  __cp_sigint_fork_child();
}

void __cp_fork_install(void) { pthread_atfork(__cp_scopes_fork_prepare, __cp_scopes_fork_parent, cp_fork_child); }
