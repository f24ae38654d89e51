/* scoped.c - the threads inside a cancel scope, and the nudge.
 *
 * The threads that hold a scope frame are the only ones a request on a
 * scope other than the root can reach, so they are the only ones such a
 * request signals (broadcast.c).  Each thread adds and removes itself (CAS
 * on a free entry); if the table is ever full, requests on scopes signal
 * every thread, as requests on the root do.
 *
 * An entry also holds the address of its thread's TLS record, so that a
 * requester can nudge the thread before it signals it: it sets a bit in the
 * thread's poll word, and a thread running a loop with effects (or calling
 * cp_check) takes the slow path at its next poll, re-evaluates its scopes
 * there and delivers, without waiting for the signal (tens of microseconds
 * on a virtual machine).  The nudge is only a hint: the slow path computes
 * the poll word afresh, and the signal that follows remains what makes a
 * request reach a thread in a reset region or a blocking call.
 *
 * A requester holds an entry's busy count while it writes through the
 * entry's pointer, and a thread leaving the set waits for the count to drop
 * before it goes on (and possibly exits, freeing its TLS): seq_cst on both
 * sides, so either the requester sees the pointer gone or the leaver sees
 * the count.  A thread that exits inside a scope leaves the set from a
 * thread-specific-data destructor.  Async-signal-safe but for the first
 * entry of a thread (normal context: cp_scope_run).
 *
 * A request on the root also nudges the process's initial thread, whose
 * TLS lives as long as the process, whether or not it is in a scope.
 */
#include "internal.h"
#include <pthread.h>
#include <sched.h>

static _Atomic int cp_scoped[CP_MAX_SLOTS];                 /* tids, 0: free */
static _Atomic(struct cp_tls *) cp_scoped_tls[CP_MAX_SLOTS]; /* their TLS */
static _Atomic int cp_scoped_busy[CP_MAX_SLOTS];            /* nudges writing */
static _Atomic int cp_nscoped;     /* high-water mark */
static _Atomic int cp_scoped_full; /* a thread found no entry: signal all */
static __thread int cp_scoped_at = -1;
static __thread int cp_scoped_keyed;
static pthread_key_t cp_scoped_key;
static pthread_once_t cp_scoped_once = PTHREAD_ONCE_INIT;

static void cp_scoped_exit(void *unused)
{
  (void)unused;
  __cp_scoped_leave();
}

static void cp_scoped_key_init(void) { pthread_key_create(&cp_scoped_key, cp_scoped_exit); }

void __cp_scoped_enter(void)
{
  if (!cp_scoped_keyed) {
    cp_scoped_keyed = 1;
    pthread_once(&cp_scoped_once, cp_scoped_key_init);
    pthread_setspecific(cp_scoped_key, &cp_scoped_at);
  }
  int tid = __cp_gettid();
  for (;;) {
    int n = atomic_load(&cp_nscoped);
    for (int i = 0; i < n; i++) {
      int z = 0;
      if (atomic_compare_exchange_strong(&cp_scoped[i], &z, tid)) {
        atomic_store(&cp_scoped_tls[i], &__cp_tls);
        cp_scoped_at = i;
        return;
      }
    }
    if (n == CP_MAX_SLOTS) {
      atomic_store(&cp_scoped_full, 1);
      return;
    }
    atomic_compare_exchange_strong(&cp_nscoped, &n, n + 1);
  }
}

void __cp_scoped_leave(void)
{
  int i = cp_scoped_at;
  if (i < 0)
    return;
  cp_scoped_at = -1;
  atomic_store(&cp_scoped_tls[i], NULL);
  while (atomic_load(&cp_scoped_busy[i]))
    sched_yield(); /* a nudge is writing to this thread's poll word */
  atomic_store(&cp_scoped[i], 0);
}

int __cp_scoped_tids(void (*fn)(int tid, void *arg), void *arg)
{
  if (atomic_load(&cp_scoped_full))
    return -1;
  int n = atomic_load(&cp_nscoped);
  for (int i = 0; i < n; i++) {
    int tid = atomic_load(&cp_scoped[i]);
    if (tid)
      fn(tid, arg);
  }
  return 0;
}

void __cp_scoped_nudge(void)
{
  int n = atomic_load(&cp_nscoped);
  for (int i = 0; i < n; i++) {
    if (!atomic_load_explicit(&cp_scoped[i], memory_order_relaxed))
      continue;
    atomic_fetch_add(&cp_scoped_busy[i], 1);
    struct cp_tls *t = atomic_load(&cp_scoped_tls[i]);
    if (t)
      __atomic_fetch_or(&t->poll, CP_REQ_NUDGE, __ATOMIC_RELEASE);
    atomic_fetch_sub(&cp_scoped_busy[i], 1);
  }
}

static struct cp_tls *cp_main_tls;

void __cp_nudge_note_main(void)
{
  if (__cp_gettid() == __cp_getpid())
    cp_main_tls = &__cp_tls;
}

void __cp_nudge_main(void)
{
  if (cp_main_tls)
    __atomic_fetch_or(&cp_main_tls->poll, CP_REQ_NUDGE, __ATOMIC_RELEASE);
}

/* In the child of fork: only the calling thread is there. */
void __cp_scoped_reset(void)
{
  int n = atomic_load(&cp_nscoped), self = cp_scoped_at;
  for (int i = 0; i < n; i++) {
    atomic_store(&cp_scoped_busy[i], 0);
    if (i == self)
      continue;
    atomic_store(&cp_scoped_tls[i], NULL);
    atomic_store(&cp_scoped[i], 0);
  }
  if (self >= 0)
    atomic_store(&cp_scoped[self], __cp_gettid());
}
