/* registry.c - the one table of the threads the runtime knows.
 *
 * A slot belongs to a tid and says what the runtime knows of that thread:
 * whether it runs in a cancel scope (only such threads can be reached by a
 * request on a scope other than the root, so only they are signalled for
 * one), the address of its TLS record (so a requester can nudge it), whether
 * a reset signal is on its way to it (a broadcast sends at most one), and
 * the answer to "where are you" for the ^C notice (notice.c).
 *
 * Slots are claimed and freed under one small lock: by the broadcaster,
 * for each tid it signals (broadcast.c), and by a thread itself, when it
 * first enters a scope and when it exits; a thread holds the lock with its
 * signals blocked, so no handler of its own can wait for it.  Finding a
 * slot takes no lock, so the reset signal's handler finds its own
 * (async-signal-safe).  The broadcaster frees the slots of dead tids.
 *
 * The nudge: a requester sets CP_REQ_NUDGE in the poll word of each thread
 * whose TLS address the registry holds, before any signal; a thread at a
 * poll then takes the slow path and judges its scopes without waiting for
 * the signal (tens of microseconds on a virtual machine).  A requester
 * counts itself in the slot's tls_users while it writes there, and a thread
 * withdrawing its address waits until the count drops: seq_cst on both
 * sides.  The process's initial thread is registered by the constructor; a
 * thread withdraws its address when it exits (a thread-specific-data
 * destructor).
 */
#include "internal.h"
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>

static struct cp_slot cp_slots[CP_MAX_SLOTS];
static _Atomic int cp_nslots;      /* high-water mark */
static _Atomic int cp_scoped_lost; /* a thread in a scope found no slot */
static atomic_flag cp_claim_lock = ATOMIC_FLAG_INIT;
static pthread_key_t cp_exit_key;
static pthread_once_t cp_exit_once = PTHREAD_ONCE_INIT;
static __thread int cp_exit_keyed;

static void cp_lock(void)
{
  while (atomic_flag_test_and_set(&cp_claim_lock))
    sched_yield();
}

static void cp_unlock(void) { atomic_flag_clear(&cp_claim_lock); }

struct cp_slot *__cp_registry_find(int tid)
{
  int n = atomic_load(&cp_nslots);
  for (int i = 0; i < n; i++)
    if (atomic_load_explicit(&cp_slots[i].tid, memory_order_acquire) == tid)
      return &cp_slots[i];
  return NULL;
}

/* Under the lock: tid's slot, claimed if it has none; NULL when full. */
static struct cp_slot *cp_claim(int tid)
{
  struct cp_slot *s = __cp_registry_find(tid);
  if (s)
    return s;
  int n = atomic_load(&cp_nslots);
  for (int i = 0; i < n && !s; i++)
    if (atomic_load(&cp_slots[i].tid) == 0)
      s = &cp_slots[i];
  if (!s) {
    if (n == CP_MAX_SLOTS)
      return NULL;
    s = &cp_slots[n];
  }
  atomic_store(&s->tls, NULL);
  atomic_store(&s->in_scope, 0);
  atomic_store(&s->signal_in_flight, 0);
  atomic_store(&s->round, 0);
  atomic_store(&s->where_ask, 0);
  atomic_store(&s->oc_state, 0);
  atomic_store(&s->oc_interrupt, 0);
  atomic_store_explicit(&s->tid, tid, memory_order_release);
  if (s == &cp_slots[n])
    atomic_store(&cp_nslots, n + 1);
  return s;
}

struct cp_slot *__cp_registry_self(void)
{
  int tid = __cp_gettid();
  struct cp_slot *s = __cp_tls.slot;
  if (s && atomic_load(&s->tid) == tid)
    return s;
  s = __cp_registry_find(tid);
  __cp_tls.slot = s;
  return s;
}

void __cp_registry_visit(int tid, void (*fn)(struct cp_slot *s, int tid, void *arg), void *arg)
{
  cp_lock();
  fn(cp_claim(tid), tid, arg);
  cp_unlock();
}

/* ---- a thread's own entries -------------------------------------------- */

static void cp_withdraw(struct cp_slot *s)
{
  atomic_store(&s->tls, NULL);
  while (atomic_load(&s->tls_users))
    sched_yield(); /* a nudge is writing to this thread's poll word */
}

static void cp_on_thread_exit(void *unused)
{
  (void)unused;
  struct cp_slot *s = __cp_registry_self();
  if (!s)
    return;
  __cp_on_cancel_thread_exit(s);
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, &old);
  cp_withdraw(s);
  cp_lock();
  atomic_store(&s->tid, 0);
  cp_unlock();
  __cp_tls.slot = NULL;
  pthread_sigmask(SIG_SETMASK, &old, NULL);
}

static void cp_exit_key_init(void) { pthread_key_create(&cp_exit_key, cp_on_thread_exit); }

/* The calling thread's slot, with its TLS address; normal context. */
struct cp_slot *__cp_registry_join(void)
{
  struct cp_slot *s = __cp_registry_self();
  if (s && atomic_load(&s->tls))
    return s;
  if (!cp_exit_keyed) {
    cp_exit_keyed = 1;
    pthread_once(&cp_exit_once, cp_exit_key_init);
    pthread_setspecific(cp_exit_key, &cp_exit_keyed);
  }
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, &old);
  cp_lock();
  s = cp_claim(__cp_gettid());
  if (s)
    atomic_store(&s->tls, &__cp_tls);
  cp_unlock();
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  __cp_tls.slot = s;
  return s;
}

void __cp_registry_join_main(void)
{
  if (__cp_gettid() == __cp_getpid())
    __cp_registry_join();
}

void __cp_registry_enter_scope(void)
{
  struct cp_slot *s = __cp_registry_join();
  if (s)
    atomic_store(&s->in_scope, 1);
  else
    atomic_store(&cp_scoped_lost, 1);
}

void __cp_registry_leave_scope(void)
{
  struct cp_slot *s = __cp_registry_self();
  if (s)
    atomic_store(&s->in_scope, 0);
}

/* ---- the broadcaster's view ----------------------------------------------- */

int __cp_registry_tids(int scoped_only, void (*fn)(int tid, void *arg), void *arg)
{
  if (scoped_only && atomic_load(&cp_scoped_lost))
    return -1;
  int n = atomic_load(&cp_nslots);
  for (int i = 0; i < n; i++) {
    int tid = atomic_load(&cp_slots[i].tid);
    if (tid && (!scoped_only || atomic_load(&cp_slots[i].in_scope)))
      fn(tid, arg);
  }
  return 0;
}

/* The nudge itself: an atomic OR into another thread's poll word, which that
 * thread's inline poll (the load the pass emits at a loop header) reads
 * with a plain load.  One aligned word, tested for zero: a race by design,
 * which TSan would report at every instrumented loop of a program built
 * with cpcc -fsanitize=thread and this runtime's TSan build; so TSan does
 * not see this write (no_sanitize("thread") would still instrument the
 * atomic).  Every other access to the word is atomic. */
#if defined(__has_attribute)
#if __has_attribute(disable_sanitizer_instrumentation)
#define CP_NOT_SANITIZED __attribute__((disable_sanitizer_instrumentation))
#endif
#endif
#ifndef CP_NOT_SANITIZED
#define CP_NOT_SANITIZED
#endif
__attribute__((noinline)) CP_NOT_SANITIZED static void cp_nudge_word(struct cp_tls *t)
{
  __atomic_fetch_or(&t->poll, CP_REQ_NUDGE, __ATOMIC_RELEASE);
}

void __cp_registry_nudge(int every_thread)
{
  int n = atomic_load(&cp_nslots);
  for (int i = 0; i < n; i++) {
    struct cp_slot *s = &cp_slots[i];
    if (!atomic_load_explicit(&s->tls, memory_order_relaxed))
      continue;
    if (!every_thread && !atomic_load_explicit(&s->in_scope, memory_order_relaxed))
      continue;
    atomic_fetch_add(&s->tls_users, 1);
    struct cp_tls *t = atomic_load(&s->tls);
    if (t)
      cp_nudge_word(t);
    atomic_fetch_sub(&s->tls_users, 1);
  }
}

void __cp_registry_each(void (*fn)(struct cp_slot *s, void *arg), void *arg)
{
  int n = atomic_load(&cp_nslots);
  for (int i = 0; i < n; i++)
    if (atomic_load(&cp_slots[i].tid))
      fn(&cp_slots[i], arg);
}

/* Free the slots of tids that round did not visit and that the kernel no
 * longer knows. */
void __cp_registry_reap(uint32_t round)
{
  int n = atomic_load(&cp_nslots), pid = __cp_getpid(), e = errno;
  for (int i = 0; i < n; i++) {
    struct cp_slot *s = &cp_slots[i];
    int tid = atomic_load(&s->tid);
    if (!tid || atomic_load(&s->round) == round || __cp_tgkill(pid, tid, 0) == 0 || errno != ESRCH)
      continue;
    cp_lock();
    if (atomic_load(&s->tid) == tid)
      atomic_store(&s->tid, 0);
    cp_unlock();
  }
  errno = e;
}

/* In the child of fork: only the calling thread is there. */
void __cp_registry_fork_child(void)
{
  struct cp_slot *self = NULL;
  int n = atomic_load(&cp_nslots);
  atomic_flag_clear(&cp_claim_lock);
  for (int i = 0; i < n; i++) {
    struct cp_slot *s = &cp_slots[i];
    atomic_store(&s->tls_users, 0);
    atomic_store(&s->signal_in_flight, 0);
    if (atomic_load(&s->tls) == &__cp_tls) { /* the forking thread's, same address */
      self = s;
      continue;
    }
    atomic_store(&s->tls, NULL);
    atomic_store(&s->tid, 0);
  }
  if (self)
    atomic_store(&self->tid, __cp_gettid());
  __cp_tls.slot = self;
}
