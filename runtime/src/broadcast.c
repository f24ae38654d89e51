/* broadcast.c - make every thread of the process see the request words.
 *
 * After a request word changed, each thread gets one reset signal: its
 * handler copies the request into its own poll word (a requester never
 * writes another thread's TLS) and rewinds it if it is in a reset region.
 * The threads the registry already knows are signalled first, straight from
 * its slots, so a request reaches them without waiting for a directory
 * scan; then /proc/self/task is scanned until a pass finds no tid it has not
 * signalled (threads the registry has not seen, threads created meanwhile).  A thread with a signal still in
 * flight is not signalled again: that handler has yet to read the words.
 *
 * One broadcaster at a time, without waiting: a requester that finds another
 * one at work leaves it a note to run one more round, and returns.  So this
 * is async-signal-safe and can run in the SIGINT handler.
 */
#include "internal.h"
#include <errno.h>
#include <unistd.h>

static atomic_flag cp_bc_busy = ATOMIC_FLAG_INIT;
static _Atomic int cp_bc_again;
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

static void cp_round(void)
{
  struct cp_pass p = {getpid(), 0, 0};
  if (++cp_bc_round == 0)
    ++cp_bc_round;
  p.round = cp_bc_round;
  __cp_slot_tids(cp_visit, &p);
  for (int pass = 0; pass < 64; pass++) {
    p.fresh = 0;
    if (__cp_tasks(cp_visit, &p) < 0 || p.fresh == 0)
      break;
  }
  __cp_slot_reap(p.round);
}

void __cp_broadcast(void)
{
  int e = errno;
  for (;;) {
    atomic_store(&cp_bc_again, 1);
    if (atomic_flag_test_and_set(&cp_bc_busy))
      break; /* the broadcaster at work will run another round */
    while (atomic_exchange(&cp_bc_again, 0))
      cp_round();
    atomic_flag_clear(&cp_bc_busy);
    if (!atomic_load(&cp_bc_again))
      break;
  }
  errno = e;
}

/* In the child of fork: a broadcast the parent was running is not. */
void __cp_broadcast_reset(void)
{
  atomic_flag_clear(&cp_bc_busy);
  atomic_store(&cp_bc_again, 0);
}
