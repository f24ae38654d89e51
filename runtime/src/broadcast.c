/* broadcast.c - make the threads a request can reach judge their scopes.
 *
 * After a scope's request word changed, each thread it can reach gets one
 * reset signal: its handler judges the thread's own chain (verdict.c; a
 * requester writes no more than the nudge bit of another thread's poll
 * word) and rewinds it if it is in a reset region.  For the root that is
 * every thread: the ones the registry knows are signalled first, straight
 * from its slots, so a request reaches them without waiting for a directory
 * scan; then /proc/self/task is scanned until a pass finds no tid it has not
 * signalled (threads the registry has not seen, threads created meanwhile).
 * For any other scope it is the threads inside some scope (the registry
 * knows them), and nothing is scanned.  A thread with a signal still in
 * flight is not signalled again: that handler has yet to judge.  Before any
 * signal, the threads whose TLS the registry holds are nudged (registry.c):
 * one at a poll delivers without waiting for its signal.
 *
 * One broadcaster at a time, without waiting: a requester that finds another
 * one at work leaves it a note to run one more round, and returns.  So this
 * is async-signal-safe and can run in the SIGINT handler.
 */
#include "internal.h"
#include <errno.h>
#include <unistd.h>

#define CP_BC_SCOPED    1  /* a round for the threads in scopes */
#define CP_BC_ALL       2  /* a round for every thread */
#define CP_BC_MAX_SCANS 64 /* directory scans per round, at most */

static atomic_flag cp_bc_busy = ATOMIC_FLAG_INIT;
static _Atomic int cp_bc_owed; /* rounds owed: CP_BC_SCOPED | CP_BC_ALL */
static uint32_t cp_bc_round;   /* under cp_bc_busy */

struct cp_round {
  int pid;
  uint32_t number;
  int fresh; /* tids this scan signalled first in the round */
};

static void cp_signal_slot(struct cp_slot *s, int tid, void *arg)
{
  struct cp_round *r = arg;
  if (s) {
    if (atomic_load(&s->round) == r->number)
      return;
    atomic_store(&s->round, r->number);
    r->fresh++;
    if (atomic_exchange(&s->signal_in_flight, 1))
      return; /* its handler has yet to run, and will judge then */
  }
  if (__cp_tgkill(r->pid, tid, __cp_reset_signal) < 0 && s)
    atomic_store(&s->signal_in_flight, 0);
}

static void cp_visit(int tid, void *arg) { __cp_registry_visit(tid, cp_signal_slot, arg); }

static void cp_run_round(int kind)
{
  struct cp_round r = {__cp_getpid(), 0, 0};
  __cp_reset_reclaim();
  if (++cp_bc_round == 0)
    ++cp_bc_round;
  r.number = cp_bc_round;
  if (kind == CP_BC_SCOPED && __cp_registry_tids(1, cp_visit, &r) == 0)
    return;
  __cp_registry_tids(0, cp_visit, &r);
  for (int scan = 0; scan < CP_BC_MAX_SCANS; scan++) {
    r.fresh = 0;
    if (__cp_tasks(cp_visit, &r) < 0 || r.fresh == 0)
      break;
  }
  __cp_registry_reap(r.number);
}

void __cp_broadcast(int every_thread)
{
  int e = errno, owed, kind = every_thread ? CP_BC_ALL : CP_BC_SCOPED;
  __cp_registry_nudge(every_thread); /* threads at polls see it now */
  for (;;) {
    atomic_fetch_or(&cp_bc_owed, kind);
    if (atomic_flag_test_and_set(&cp_bc_busy))
      break; /* the broadcaster at work will run another round */
    while ((owed = atomic_exchange(&cp_bc_owed, 0)))
      cp_run_round(owed & CP_BC_ALL ? CP_BC_ALL : CP_BC_SCOPED);
    atomic_flag_clear(&cp_bc_busy);
    if (!atomic_load(&cp_bc_owed))
      break;
  }
  errno = e;
}

/* In the child of fork: a broadcast the parent was running is not. */
void __cp_broadcast_fork_child(void)
{
  atomic_flag_clear(&cp_bc_busy);
  atomic_store(&cp_bc_owed, 0);
}
