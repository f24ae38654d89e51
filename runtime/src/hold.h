/* hold.h - the thread's hold: locks it took in instrumented code, explicit
 * holds (cp_hold, signal handlers, callbacks run under libc's locks), and
 * the locks a cleanup releases.  Shared by hold.c, the lock wrappers and the
 * scopes' cleanups; the rest of the runtime sees __cp_held_filter only. */
#ifndef CP_HOLD_H
#define CP_HOLD_H
#include "internal.h"

#define CP_HELD_MAX 16 /* locks recorded by address; more are counted only */

struct cp_hold {
  uint32_t locks;           /* locks held (recorded: the first CP_HELD_MAX) */
  uint32_t covered;         /* of them, covered by a cleanup */
  uint32_t holds;           /* cp_hold depth */
  volatile uint32_t missed; /* an evaluation found a request and held it */
  /* The records, by slot (arrays, so that a slot is one indexed access) */
  void *lock[CP_HELD_MAX];        /* the lock's address */
  const void *site[CP_HELD_MAX];  /* struct cp_site *, or a return address | 1 */
  uint8_t cov[CP_HELD_MAX];       /* a cleanup of the scope releases it */
};

extern __thread struct cp_hold __cp_hold_tls __attribute__((tls_model("initial-exec")));

/* Recording a lock is split in two so that a wrapper keeps nothing live
 * across libc's call: the record is staged in the free slot first (slots
 * at and above `locks` are free, with covered 0), and counted once libc
 * took the lock.  A signal handler that takes and releases a lock between
 * the two would reuse the slot: the trampoline saves and restores it. */
static inline void __cp_held_stage(void *lock, const void *site)
{
  struct cp_hold *h = &__cp_hold_tls;
  uint32_t n = h->locks;
  if (cp_likely(n < CP_HELD_MAX)) {
    h->lock[n] = lock;
    h->site[n] = site;
  }
}

static inline void __cp_held_count(void)
{
  atomic_signal_fence(memory_order_seq_cst);
  __cp_hold_tls.locks++;
}

/* A lock was taken (site: see struct cp_hold). */
static inline void __cp_held_push(void *lock, const void *site)
{
  __cp_held_stage(lock, site);
  __cp_held_count();
}

void __cp_held_pop_slow(void *lock);
void __cp_hold_released(void);

/* The lock at lock is being released (the wrappers drop the record just
 * before libc's unlock: no point runs between the two). */
static inline void __cp_held_pop(void *lock)
{
  struct cp_hold *h = &__cp_hold_tls;
  uint32_t n = h->locks;
  if (cp_likely(n - 1 < CP_HELD_MAX && h->lock[n - 1] == lock && !h->covered)) {
    h->locks = n - 1;
    atomic_signal_fence(memory_order_seq_cst);
    if (cp_unlikely(h->missed))
      __cp_hold_released();
    return;
  }
  __cp_held_pop_slow(lock);
}

/* Is lock recorded as held by this thread? */
int __cp_held_has(void *lock);
/* Cleanups (scope_run.c): cover the innermost uncovered record of lock
 * (1 if there was one); uncover it again; drop it (the cleanup ran). */
int __cp_held_cover(void *lock);
void __cp_held_uncover(void *lock);
void __cp_held_drop(void *lock);

/* A condition wait releases its mutex while it waits: the mutex's record
 * is lifted for the wait (the wait is cancellable unless something else
 * holds requests) and restored after it, cancelled or not.  With add, a
 * mutex that had no record gets one (site: the wait's return address). */
struct cp_lift {
  int had;
  uint32_t covered;
  const void *site;
};
void __cp_held_lift(void *lock, struct cp_lift *l);
void __cp_held_restore(void *lock, const struct cp_lift *l, int add, const void *site);
/* Is lock's innermost record covered by a cleanup? */
int __cp_held_covered(void *lock);

/* A signal handler's trampoline keeps the staged slot (see above). */
struct cp_held_saved {
  uint32_t n;
  void *lock;
  const void *site;
};
static inline void __cp_held_save(struct cp_held_saved *s)
{
  s->n = __cp_hold_tls.locks;
  s->lock = NULL;
  s->site = NULL;
  if (s->n < CP_HELD_MAX) {
    s->lock = __cp_hold_tls.lock[s->n];
    s->site = __cp_hold_tls.site[s->n];
  }
}
static inline void __cp_held_unsave(const struct cp_held_saved *s)
{
  if (s->n < CP_HELD_MAX && __cp_hold_tls.locks == s->n) {
    __cp_hold_tls.lock[s->n] = s->lock;
    __cp_hold_tls.site[s->n] = s->site;
  }
}

/* Explicit holds from a signal handler's trampoline: the release may
 * re-raise the reset signal so that the interrupted context sees a request
 * that was held meanwhile (signal_hold.c). */
void __cp_hold_leave_handler(void);

/* The first held lock's site, for the notice: 0 when nothing is held, 1
 * for an explicit hold only, else the site word (struct cp_hold). */
uintptr_t __cp_hold_where(void);

#endif
