/* threads.c - the registry of threads the runtime has signalled.
 *
 * A static array of slots, one per tid, so that a request keeps at most one
 * reset signal in flight per thread.  Only the broadcaster (one at a time,
 * see broadcast.c) claims and frees slots; a thread's own signal handler
 * finds its slot by tid (caching it in __cp_tls.slot) and clears the
 * in-flight flag.  Slots of dead tids are reclaimed after a broadcast.
 * Lock-free and async-signal-safe.
 */
#include "internal.h"
#include <errno.h>
#include <unistd.h>

static struct cp_slot cp_slots[CP_MAX_SLOTS];
static _Atomic int cp_nslots; /* high-water mark */

struct cp_slot *__cp_slot_find(int tid)
{
  int n = atomic_load(&cp_nslots);
  for (int i = 0; i < n; i++)
    if (atomic_load_explicit(&cp_slots[i].tid, memory_order_acquire) == tid)
      return &cp_slots[i];
  return NULL;
}

/* Broadcaster only. */
struct cp_slot *__cp_slot_claim(int tid)
{
  struct cp_slot *s = __cp_slot_find(tid);
  if (s)
    return s;
  int n = atomic_load(&cp_nslots);
  for (int i = 0; i < n; i++)
    if (atomic_load(&cp_slots[i].tid) == 0) {
      s = &cp_slots[i];
      break;
    }
  if (!s) {
    if (n == CP_MAX_SLOTS)
      return NULL;
    s = &cp_slots[n];
  }
  atomic_store(&s->inflight, 0);
  atomic_store(&s->round, 0);
  atomic_store(&s->state, 0);
  atomic_store_explicit(&s->tid, tid, memory_order_release);
  if (s == &cp_slots[n])
    atomic_store(&cp_nslots, n + 1);
  return s;
}

/* The calling thread's slot, or NULL if no broadcast ever visited it. */
struct cp_slot *__cp_slot_self(void)
{
  int tid = __cp_gettid();
  struct cp_slot *s = __cp_tls.slot;
  if (s && atomic_load(&s->tid) == tid)
    return s;
  s = __cp_slot_find(tid);
  __cp_tls.slot = s;
  return s;
}

/* Calls fn(tid, arg) for each tid that holds a slot. */
void __cp_slot_tids(void (*fn)(int tid, void *arg), void *arg)
{
  int n = atomic_load(&cp_nslots);
  for (int i = 0; i < n; i++) {
    int tid = atomic_load(&cp_slots[i].tid);
    if (tid)
      fn(tid, arg);
  }
}

/* Broadcaster only: free the slots of tids that a whole round did not list
 * and that the kernel no longer knows. */
void __cp_slot_reap(uint32_t round)
{
  int n = atomic_load(&cp_nslots), pid = __cp_getpid(), e = errno;
  for (int i = 0; i < n; i++) {
    int tid = atomic_load(&cp_slots[i].tid);
    if (tid && atomic_load(&cp_slots[i].round) != round && __cp_tgkill(pid, tid, 0) < 0 &&
        errno == ESRCH)
      atomic_store(&cp_slots[i].tid, 0);
  }
  errno = e;
}

/* In the child of fork: no thread of the parent is there. */
void __cp_slots_reset(void)
{
  int n = atomic_load(&cp_nslots);
  for (int i = 0; i < n; i++)
    atomic_store(&cp_slots[i].tid, 0);
  atomic_store(&cp_nslots, 0);
}
