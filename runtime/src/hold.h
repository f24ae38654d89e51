/* hold.h - the thread's hold: locks it took in instrumented code, explicit
 * holds (cp_hold, signal handlers, callbacks run under libc's locks), and
 * the locks a cleanup releases.  Shared by hold.c, the trampolines, the
 * condition waits and the scopes' cleanups; the rest of the runtime sees
 * __cp_held_filter and __cp_held_at_point only.
 *
 * A lock is recorded in one of two places.  Instrumented code records the
 * one lock a thread holds inline, in __cp_tls.lock and lock_site (the
 * fast record, cancelpoints_abi.h); the runtime keeps every other record
 * here, in struct cp_hold.  The two are never in use together: while the
 * runtime keeps records, lock_site is CP_TLS_LOCK_SLOW (slow mode), and a
 * fast record moves here (hold.c's cp_slow_mode) before anything else is
 * recorded. */
#ifndef CP_HOLD_H
#define CP_HOLD_H
#include "internal.h"

#define CP_HELD_MAX  16 /* locks recorded by address; more are counted only */
#define CP_LOCK_SLOW ((void *)(uintptr_t)CP_TLS_LOCK_SLOW)

struct cp_hold {
  uint32_t locks;           /* locks held (recorded: the first CP_HELD_MAX) */
  uint32_t covered;         /* of them, covered by a cleanup */
  uint32_t holds;           /* cp_hold depth */
  volatile uint32_t missed; /* an evaluation found a request and held it */
  /* The records, by slot (arrays, so that a slot is one indexed access) */
  void *lock[CP_HELD_MAX];       /* the lock's address */
  const void *site[CP_HELD_MAX]; /* struct cp_site *, or a return address | 1 */
  uint8_t cov[CP_HELD_MAX];      /* a cleanup of the scope releases it */
};

extern __thread struct cp_hold __cp_hold_tls __attribute__((tls_model("initial-exec")));

/* Is the fast record in use (one lock held, recorded inline)? */
static inline int __cp_held_fast(void) { return (uintptr_t)__cp_tls.lock_site > CP_TLS_LOCK_SLOW; }

/* A lock was taken (site: see struct cp_hold): the fast record if free,
 * else a record here.  And the lock at lock is being released (just before
 * libc's unlock: no point runs between the two). */
void __cp_held_took(void *lock, const void *site);
void __cp_held_pop(void *lock);
/* The hold may have ended: evaluate what was held. */
void __cp_hold_released(void);

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

/* A signal handler's trampoline parks the interrupted code's records: it
 * may be between libc's lock and the inline stores of the record, or
 * between the check and the store of an unlock, or staging a record here
 * (hold.c pushes a record in two steps).  While the handler runs the fast
 * record reads as slow mode, so the handler's own locks are recorded here
 * (after the interrupted code's) or, once this array is empty, in a fast
 * record of their own; when it returns, both come back as they were. */
struct cp_held_saved {
  uint32_t n;
  void *lock;
  const void *site;
  void *fast_lock;
  const void *fast_site;
};
void __cp_held_save(struct cp_held_saved *s);
void __cp_held_unsave(const struct cp_held_saved *s);

/* Explicit holds from a signal handler's trampoline: the release may
 * re-raise the reset signal so that the interrupted context sees a request
 * that was held meanwhile (signal_hold.c). */
void __cp_hold_leave_handler(void);

/* The first held lock's site, for the notice: 0 when nothing is held, 1
 * for an explicit hold only, else the site word (struct cp_hold). */
uintptr_t __cp_hold_where(void);

#endif
