/* hold.c - the hold: requests wait while the thread holds a lock it took in
 * instrumented code, or while it is held explicitly (cp_hold, a signal
 * handler of the program, a callback libc runs under its own lock).
 *
 * The hold is folded into the one evaluation of a thread's requests
 * (__cp_eval calls __cp_held_filter): while held, nothing applies, so the
 * poll word stays 0 (the inlined poll is unchanged), reset regions are not
 * rewound, blocking calls are not cancelled and cp_check returns 0.  An
 * evaluation that finds a request and holds it sets `missed`; the release
 * that ends the hold then evaluates again, so the request lands at the next
 * point.  Lock and unlock touch only this thread's record: a store or two
 * and a compare.
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

/* Called by __cp_eval with the requests it found; clears them if held. */
void __cp_held_filter(struct cp_eval *e)
{
  struct cp_hold *h = &__cp_hold_tls;
  if (!e->hard && !e->graceful)
    return;
  struct cp_scope *c = e->hard ? e->hard : e->graceful;
  if (h->holds || h->locks > h->covered || (h->locks && c == &__cp_root)) {
    h->missed = 1;
    e->hard = e->graceful = NULL;
  }
}

static int cp_held(void)
{
  struct cp_hold *h = &__cp_hold_tls;
  return h->holds || h->locks > h->covered;
}

/* The hold may have ended: evaluate what was held. */
void __cp_hold_released(void)
{
  struct cp_hold *h = &__cp_hold_tls;
  if (h->holds || (h->locks > h->covered))
    return;
  int e = errno;
  h->missed = 0;
  atomic_signal_fence(memory_order_seq_cst);
  __cp_refresh();
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
}

void __cp_held_pop_slow(void *lock)
{
  struct cp_hold *h = &__cp_hold_tls;
  int i = cp_find(lock, -1);
  if (i >= 0)
    cp_remove(i);
  else if (h->locks > CP_HELD_MAX)
    h->locks--; /* one of those counted only */
  else
    return;     /* a lock taken outside instrumented code */
  atomic_signal_fence(memory_order_seq_cst);
  if (h->missed)
    __cp_hold_released();
}

int __cp_held_has(void *lock) { return cp_find(lock, -1) >= 0; }

int __cp_held_cover(void *lock)
{
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
  int i = cp_find(lock, -1);
  l->had = i >= 0;
  if (!l->had)
    return;
  l->covered = __cp_hold_tls.cov[i];
  l->site = __cp_hold_tls.site[i];
  __cp_held_pop_slow(lock);
}

void __cp_held_restore(void *lock, const struct cp_lift *l, int add, const void *site)
{
  if (!l->had && !add)
    return;
  __cp_held_push(lock, l->had ? l->site : site);
  if (l->had && l->covered && __cp_hold_tls.locks <= CP_HELD_MAX) {
    __cp_hold_tls.cov[__cp_hold_tls.locks - 1] = 1;
    __cp_hold_tls.covered++;
  }
}

uintptr_t __cp_hold_where(void)
{
  struct cp_hold *h = &__cp_hold_tls;
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
  if (__cp_refresh() != 0) {
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, __cp_reset_signal);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    __cp_tgkill(__cp_getpid(), __cp_gettid(), __cp_reset_signal);
  }
  errno = e;
}
