/* hold.c - the hold: requests wait while the thread holds a lock it took in
 * instrumented code, or while it is held explicitly (cp_hold, a signal
 * handler of the program, a callback libc runs under its own lock).
 *
 * The hold is folded into the one evaluation of a thread's requests
 * (the verdict calls __cp_held_filter): while held, nothing applies, so
 * reset regions are not rewound, blocking calls are not cancelled and
 * cp_check returns 0.  An evaluation that finds a request and holds it sets
 * `missed` and, as a rule, leaves the poll word 0: the release that ends the
 * hold (cp_resume, the unlock's slow path, a cleanup that covers the lock)
 * evaluates again, so the request lands at the next point.
 *
 * The exception is the fast record (hold.h): one lock held, recorded by
 * instrumented code inline, and released inline too, without the runtime.
 * An evaluation held by it leaves the poll word set (CP_REQ_NUDGE), so the
 * next point looks again: there, in normal context, the record moves here
 * (slow mode, __cp_held_spill), the poll word can be 0 until the unlock, and
 * the unlock's slow path ends the hold.  So lock and unlock cost a few
 * inline instructions (bench/locks) and nothing else while no request is
 * pending; a signal handler only ever reads the fast record.
 *
 * A lock is recorded by address, so that a cleanup pushed with the lock's
 * address as its argument (cp_cleanup_push(unlock, &m)) covers it: a
 * covered lock does not hold requests that a scope catches (the cleanup
 * releases it on the way out).  A request the root takes (report, exit 130:
 * no cleanups run) waits for every lock, covered or not.
 */
#include "hold.h"
#include "cancelpoints.h"
#include "scope.h"
#include <errno.h>
#include <signal.h>
#include <string.h>

__thread struct cp_hold __cp_hold_tls __attribute__((tls_model("initial-exec")));

/* Called by the verdict with the requests it found; clears them if held.
 * The root's exit runs no cleanups: a lock a cleanup covers holds it too. */
void __cp_held_filter(struct cp_verdict *v)
{
  struct cp_hold *h = &__cp_hold_tls;
  struct cp_scope *c = cp_verdict_catcher(v);
  if (!c)
    return;
  int fast = __cp_held_fast();
  uint32_t locks = h->locks + (uint32_t)fast;
  if (h->holds || locks > h->covered || (locks && cp_is_root(c))) {
    h->missed = 1;
    v->hard = v->graceful = NULL;
    v->held_inline = fast; /* the inline unlock would not see it: keep the poll word */
  }
}

/* Held by something whose release passes through here (not the fast record)? */
static int cp_held(void)
{
  struct cp_hold *h = &__cp_hold_tls;
  return h->holds || h->locks > h->covered;
}

/* The hold may have ended: evaluate what was held.  Still held by the fast
 * record only, the evaluation sets the poll word (__cp_held_filter). */
void __cp_hold_released(void)
{
  struct cp_hold *h = &__cp_hold_tls;
  if (cp_held())
    return;
  int e = errno;
  h->missed = 0;
  atomic_signal_fence(memory_order_seq_cst);
  __cp_update_poll(&(struct cp_verdict){0});
  errno = e;
}

static int cp_find(void *lock, int covered)
{
  struct cp_hold *h = &__cp_hold_tls;
  int n = h->locks < CP_HELD_MAX ? (int)h->locks : CP_HELD_MAX;
  for (int i = n - 1; i >= 0; i--)
    if (h->lock[i] == lock && (covered < 0 || (int)h->cov[i] == covered))
      return i;
  return -1;
}

/* A record here: staged in the free slot (slots at and above `locks` are
 * free, with cov 0), then counted.  A signal handler's trampoline keeps the
 * staged slot (__cp_held_save). */
static void cp_push(void *lock, const void *site)
{
  struct cp_hold *h = &__cp_hold_tls;
  uint32_t n = h->locks;
  if (n < CP_HELD_MAX) {
    h->lock[n] = lock;
    h->site[n] = site;
  }
  atomic_signal_fence(memory_order_seq_cst);
  h->locks = n + 1;
}

/* No lock recorded here any more: the fast record is free again. */
static void cp_settle(void)
{
  if (!__cp_hold_tls.locks && __cp_tls.lock_site == CP_LOCK_SLOW)
    __cp_tls.lock_site = NULL;
}

static void cp_remove(int i)
{
  struct cp_hold *h = &__cp_hold_tls;
  int n = h->locks < CP_HELD_MAX ? (int)h->locks : CP_HELD_MAX;
  if (h->cov[i])
    h->covered--;
  for (; i + 1 < n; i++) {
    h->lock[i] = h->lock[i + 1];
    h->site[i] = h->site[i + 1];
    h->cov[i] = h->cov[i + 1];
  }
  h->cov[n - 1] = 0; /* free slots are uncovered */
  atomic_signal_fence(memory_order_seq_cst);
  h->locks--;
  cp_settle();
}

/* Slow mode: the records are kept here; a fast record becomes the first
 * (nothing else is recorded while it is in use).  Normal context. */
static void cp_slow_mode(void)
{
  const void *s = __cp_tls.lock_site;
  if (s == CP_LOCK_SLOW)
    return;
  if (s)
    cp_push(__cp_tls.lock, s);
  __cp_tls.lock = CP_LOCK_SLOW;
  atomic_signal_fence(memory_order_seq_cst);
  __cp_tls.lock_site = CP_LOCK_SLOW;
}

void __cp_held_spill(void) { cp_slow_mode(); }

void __cp_held_took(void *lock, const void *site)
{
  if (!__cp_tls.lock_site && (uintptr_t)site > CP_TLS_LOCK_SLOW) {
    __cp_tls.lock = lock;
    atomic_signal_fence(memory_order_seq_cst);
    __cp_tls.lock_site = site;
    return;
  }
  cp_slow_mode();
  cp_push(lock, site);
}

void __cp_held_pop(void *lock)
{
  struct cp_hold *h = &__cp_hold_tls;
  const void *s = __cp_tls.lock_site;
  if (!s)
    return; /* nothing recorded: a lock taken outside instrumented code */
  if (s != CP_LOCK_SLOW) {
    if (__cp_tls.lock != lock)
      return;
    __cp_tls.lock_site = NULL;
  } else {
    int i = cp_find(lock, -1);
    if (i >= 0)
      cp_remove(i);
    else if (h->locks > CP_HELD_MAX)
      h->locks--; /* one of those counted only */
    else
      return;
  }
  atomic_signal_fence(memory_order_seq_cst);
  if (h->missed)
    __cp_hold_released();
}

/* The slow paths of the inline record (cancelpoints_abi.h). */
CP_EXPORT __attribute__((noinline, cold)) void __cp_lock_slow(void *lock, int r,
                                                              const struct cp_site *site)
{
  if (r == 0 || r == EOWNERDEAD) /* a robust mutex's owner died: taken too */
    __cp_held_took(lock, site);
}

CP_EXPORT __attribute__((noinline, cold)) void __cp_unlock_slow(void *lock) { __cp_held_pop(lock); }

int __cp_held_has(void *lock)
{
  return (__cp_held_fast() && __cp_tls.lock == lock) || cp_find(lock, -1) >= 0;
}

int __cp_held_cover(void *lock)
{
  if (__cp_held_fast() && __cp_tls.lock == lock)
    cp_slow_mode();
  int i = cp_find(lock, 0);
  if (i < 0)
    return 0;
  __cp_hold_tls.cov[i] = 1;
  __cp_hold_tls.covered++;
  atomic_signal_fence(memory_order_seq_cst);
  if (__cp_hold_tls.missed)
    __cp_hold_released();
  return 1;
}

void __cp_held_uncover(void *lock)
{
  int i = cp_find(lock, 1);
  if (i < 0)
    return;
  __cp_hold_tls.covered--;
  atomic_signal_fence(memory_order_seq_cst);
  __cp_hold_tls.cov[i] = 0;
}

void __cp_held_drop(void *lock)
{
  int i = cp_find(lock, 1);
  if (i >= 0)
    cp_remove(i);
}

int __cp_held_covered(void *lock)
{
  int i = cp_find(lock, -1);
  return i >= 0 && __cp_hold_tls.cov[i];
}

void __cp_held_lift(void *lock, struct cp_lift *l)
{
  l->had = 0;
  if (__cp_held_fast() && __cp_tls.lock == lock) {
    l->covered = 0;
    l->site = __cp_tls.lock_site;
  } else {
    int i = cp_find(lock, -1);
    if (i < 0)
      return;
    l->covered = __cp_hold_tls.cov[i];
    l->site = __cp_hold_tls.site[i];
  }
  l->had = 1;
  __cp_held_pop(lock);
}

void __cp_held_restore(void *lock, const struct cp_lift *l, int add, const void *site)
{
  struct cp_hold *h = &__cp_hold_tls;
  if (!l->had && !add)
    return;
  if (!l->had || !l->covered) {
    __cp_held_took(lock, l->had ? l->site : site);
    return;
  }
  cp_slow_mode();
  cp_push(lock, l->site);
  if (h->locks <= CP_HELD_MAX) {
    h->cov[h->locks - 1] = 1;
    h->covered++;
  }
}

void __cp_held_save(struct cp_held_saved *s)
{
  struct cp_hold *h = &__cp_hold_tls;
  s->n = h->locks;
  s->lock = NULL;
  s->site = NULL;
  if (s->n < CP_HELD_MAX) {
    s->lock = h->lock[s->n];
    s->site = h->site[s->n];
  }
  s->fast_lock = __cp_tls.lock;
  s->fast_site = __cp_tls.lock_site;
  __cp_tls.lock_site = CP_LOCK_SLOW;
  atomic_signal_fence(memory_order_seq_cst);
  __cp_tls.lock = CP_LOCK_SLOW;
  atomic_signal_fence(memory_order_seq_cst);
}

void __cp_held_unsave(const struct cp_held_saved *s)
{
  struct cp_hold *h = &__cp_hold_tls;
  if (h->locks == s->n) {
    if (s->n < CP_HELD_MAX) {
      h->lock[s->n] = s->lock;
      h->site[s->n] = s->site;
    }
    __cp_tls.lock = s->fast_lock;
    atomic_signal_fence(memory_order_seq_cst);
    __cp_tls.lock_site = s->fast_site;
    return;
  }
  /* The handler left locks recorded, or released some of the interrupted
   * code's: the interrupted code's fast record joins the others. */
  if ((uintptr_t)s->fast_site > CP_TLS_LOCK_SLOW) {
    cp_slow_mode();
    cp_push(s->fast_lock, s->fast_site);
  }
}

uintptr_t __cp_hold_where(void)
{
  struct cp_hold *h = &__cp_hold_tls;
  if (__cp_held_fast())
    return (uintptr_t)__cp_tls.lock_site;
  if (h->locks > h->covered) {
    for (int i = 0; i < (int)h->locks && i < CP_HELD_MAX; i++)
      if (!h->cov[i])
        return h->site[i] ? (uintptr_t)h->site[i] : 1;
    return 1;
  }
  return h->holds ? 1 : 0;
}

CP_EXPORT void cp_hold(void)
{
  __cp_hold_tls.holds++;
  atomic_signal_fence(memory_order_seq_cst);
}

CP_EXPORT void cp_resume(void)
{
  struct cp_hold *h = &__cp_hold_tls;
  if (!h->holds)
    return;
  h->holds--;
  atomic_signal_fence(memory_order_seq_cst);
  if (h->missed)
    __cp_hold_released();
}

/* The end of a handler's hold.  A request held while the handler ran was
 * taken by the reset signal that found the thread held: the interrupted
 * context (an armed region, a blocking call) would not see it.  So the
 * signal is raised again, blocked until the handler returns (sigreturn
 * restores the interrupted context's mask). */
void __cp_hold_leave_handler(void)
{
  struct cp_hold *h = &__cp_hold_tls;
  h->holds--;
  atomic_signal_fence(memory_order_seq_cst);
  if (!h->missed || cp_held())
    return;
  int e = errno;
  h->missed = 0;
  atomic_signal_fence(memory_order_seq_cst);
  uint32_t v = __cp_update_poll(&(struct cp_verdict){0});
  if (v != 0 && v != CP_REQ_NUDGE) { /* NUDGE: held by the fast record still */
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, __cp_reset_signal);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    __cp_tgkill(__cp_getpid(), __cp_gettid(), __cp_reset_signal);
  }
  errno = e;
}
