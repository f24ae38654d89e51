/* broadcast.c - make every thread of the process see the request words.
 *
 * After a request word changed, each thread gets one reset signal: its
 * handler copies the request into its own poll word (a requester writes no
 * more than the nudge bit of another thread's) and rewinds it if it is in a
 * reset region.  The threads the registry already knows are signalled
 * first, straight from its slots, so a request reaches them without waiting
 * for a directory scan; then /proc/self/task is scanned until a pass finds
 * no tid it has not signalled (threads the registry has not seen, threads
 * created meanwhile).  A thread with a signal still in flight is not
 * signalled again: that handler has yet to read the words.
 *
 * A request on a scope other than the root signals only the threads inside
 * some scope (scoped.c keeps that set), and scans nothing.  Before any
 * signal, every thread in that set is nudged (scoped.c), and for a request
 * on the root the initial thread too: one at a poll delivers without
 * waiting for its signal.
 *
 * One broadcaster at a time, without waiting: a requester that finds another
 * one at work leaves it a note to run one more round, and returns.  So this
 * is async-signal-safe and can run in the SIGINT handler.
 */
#include "internal.h"
#include <errno.h>
#include <unistd.h>

static atomic_flag cp_bc_busy = ATOMIC_FLAG_INIT;
static _Atomic int cp_bc_again; /* rounds owed: CP_BC_SCOPED | CP_BC_ALL */
#define CP_BC_SCOPED 1
#define CP_BC_ALL 2
static uint32_t cp_bc_round; /* under cp_bc_busy */

struct cp_pass {
  int pid;
  uint32_t round;
  int fresh;
};

static void cp_visit(int tid, void *arg)
{
  struct cp_pass *p = arg;
  struct cp_slot *s = __cp_slot_claim(tid);
  if (s) {
    if (atomic_load(&s->round) == p->round)
      return;
    atomic_store(&s->round, p->round);
    p->fresh++;
    if (atomic_exchange(&s->inflight, 1))
      return; /* its handler has yet to run, and will see the words */
  }
  if (__cp_tgkill(p->pid, tid, __cp_reset_signal) < 0 && s)
    atomic_store(&s->inflight, 0);
}

static void cp_round(int kind)
{
  struct cp_pass p = {__cp_getpid(), 0, 0};
  if (++cp_bc_round == 0)
    ++cp_bc_round;
  p.round = cp_bc_round;
  if (kind == CP_BC_SCOPED && __cp_scoped_tids(cp_visit, &p) == 0)
    return;
  __cp_slot_tids(cp_visit, &p);
  for (int pass = 0; pass < 64; pass++) {
    p.fresh = 0;
    if (__cp_tasks(cp_visit, &p) < 0 || p.fresh == 0)
      break;
  }
  __cp_slot_reap(p.round);
}

static void cp_broadcast(int kind)
{
  int e = errno, owed;
  __cp_scoped_nudge(); /* threads at polls see it now, before any signal */
  if (kind == CP_BC_ALL)
    __cp_nudge_main();
  for (;;) {
    atomic_fetch_or(&cp_bc_again, kind);
    if (atomic_flag_test_and_set(&cp_bc_busy))
      break; /* the broadcaster at work will run another round */
    while ((owed = atomic_exchange(&cp_bc_again, 0)))
      cp_round(owed & CP_BC_ALL ? CP_BC_ALL : CP_BC_SCOPED);
    atomic_flag_clear(&cp_bc_busy);
    if (!atomic_load(&cp_bc_again))
      break;
  }
  errno = e;
}

void __cp_broadcast(void) { cp_broadcast(CP_BC_ALL); }

void __cp_broadcast_scoped(void) { cp_broadcast(CP_BC_SCOPED); }

/* In the child of fork: a broadcast the parent was running is not. */
void __cp_broadcast_reset(void)
{
  atomic_flag_clear(&cp_bc_busy);
  atomic_store(&cp_bc_again, 0);
}
