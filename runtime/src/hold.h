/* hold.h - the thread's hold: locks it took in instrumented code, explicit
 * holds (cp_hold, signal handlers, callbacks run under libc's locks), and
 * the locks a cleanup releases.  Shared by hold.c, the lock wrappers and the
 * scopes' cleanups; the rest of the runtime sees __cp_held_filter only. */
#ifndef CP_HOLD_H
#define CP_HOLD_H
#include "internal.h"

#define CP_HELD_MAX 16 /* locks recorded by address; more are counted only */

struct cp_held {
  void *lock;        /* the lock's address */
  const void *site;  /* struct cp_site *, or a return address | 1 */
  uint32_t covered;  /* a cleanup of the scope releases it */
};

struct cp_hold {
  uint32_t locks;           /* locks held (entries: the first CP_HELD_MAX) */
  uint32_t covered;         /* of them, covered by a cleanup */
  uint32_t holds;           /* cp_hold depth */
  volatile uint32_t missed; /* an evaluation found a request and held it */
  struct cp_held held[CP_HELD_MAX];
};

extern __thread struct cp_hold __cp_hold_tls __attribute__((tls_model("initial-exec")));

/* A lock was taken (site: see struct cp_held). */
static inline void __cp_held_push(void *lock, const void *site)
{
  struct cp_hold *h = &__cp_hold_tls;
  uint32_t n = h->locks;
  if (cp_likely(n < CP_HELD_MAX)) {
    h->held[n].lock = lock;
    h->held[n].site = site;
    h->held[n].covered = 0;
  }
  atomic_signal_fence(memory_order_seq_cst);
  h->locks = n + 1;
}

void __cp_held_pop_slow(void *lock);
void __cp_hold_released(void);

/* The lock at lock was released. */
static inline void __cp_held_pop(void *lock)
{
  struct cp_hold *h = &__cp_hold_tls;
  uint32_t n = h->locks;
  if (cp_likely(n - 1 < CP_HELD_MAX && h->held[n - 1].lock == lock && !h->held[n - 1].covered)) {
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

/* Explicit holds from a signal handler's trampoline: the release may
 * re-raise the reset signal so that the interrupted context sees a request
 * that was held meanwhile (signal_hold.c). */
void __cp_hold_leave_handler(void);

/* The first held lock's site, for the notice: 0 when nothing is held, 1
 * for an explicit hold only, else the site word (struct cp_held). */
uintptr_t __cp_hold_where(void);

#endif
