/* blocking_wait.c - cp_cond_wait, cp_cond_timedwait, cp_sem_wait: waits a
 * signal cannot end race-free (glibc restarts the futex wait inside
 * pthread_cond_wait; sem_wait's own check-then-sleep cannot be seen from a
 * handler), and the waker thread that ends them.
 *
 * A waiting thread publishes what it waits on in a waiter record (a static
 * table; __cp_btls.waiter points to its own), then asks __cp_applies, then
 * waits.  Every request reaches every thread as a reset signal; its handler
 * (blocking.c) finds the record and, if a request applies, marks it
 * WAKE_REQ and writes to the waker's eventfd (async-signal-safe, so
 * requests made from the SIGINT handler wake waiters too).  The waker:
 *
 *  - cond: locks the waiter's mutex (trylock, retried: it never blocks
 *    behind one mutex), broadcasts the condition, unlocks.  The waiter held
 *    the mutex from publishing to the atomic unlock inside
 *    pthread_cond_wait, so holding it means the waiter is either waiting on
 *    the condition (the broadcast wakes it) or past it: no lost wake-up.
 *    Other waiters of the condition see a spurious wake-up, which POSIX
 *    allows.  The record pins the condition and mutex: a waiter leaving
 *    while the waker is at work (WAKING) unlocks its mutex, waits for the
 *    waker to finish, and relocks, so the waker never touches a condition
 *    or mutex whose wait has ended.  A waiter that returns ECANCELED after
 *    pthread_cond_wait returned 0 passes a signal on
 *    (pthread_cond_signal), in case the wake-up it consumed was a real one.
 *  - sem: sem_clockwait with a far deadline (a timed futex wait, which the
 *    kernel never restarts: any handled signal ends it with EINTR); the
 *    waker re-sends the reset signal, from 100 us backing off to 2 ms, until
 *    the waiter has left: that covers a signal that landed between the
 *    waiter's check and its futex wait.  A post never gets lost: ECANCELED
 *    is returned only when sem_clockwait did not decrement the semaphore.
 *
 * Without a free record or a waker (table full, thread creation failed),
 * untimed waits fall back to 10 ms slices; the timed cond wait then is not
 * cancellable.  After fork the child starts afresh (no waker until needed).
 */
#include "blocking.h"
#include "cancelpoints.h"
#include "hold.h"
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { W_FREE, W_CLAIMED, W_WAITING, W_WAKE_REQ, W_WAKING, W_DONE };
enum { K_COND = 1, K_SEM = 2 };

struct cp_waiter {
  _Atomic int state;
  int kind;
  int tid;
  pthread_cond_t *cond;
  pthread_mutex_t *mutex;
};

#define CP_MAX_WAITERS 1024
#define CP_SLICE_NS    (10 * CP_NS_PER_MS)         /* a wait without a waker */
#define CP_FAR_NS      (366 * 86400 * CP_NS_PER_S) /* a sem wait the waker ends */
static struct cp_waiter cp_waiters[CP_MAX_WAITERS];
static _Atomic int cp_nwaiters; /* high-water mark */

static _Atomic int cp_efd = -1;
static _Atomic int cp_waker_state; /* 0 not started, 1 running, -1 failed */
static pthread_mutex_t cp_waker_mu = PTHREAD_MUTEX_INITIALIZER;

static void cp_futex_wait(_Atomic int *p, int v)
{
  syscall(SYS_futex, (int *)p, FUTEX_WAIT_PRIVATE, v, NULL, NULL, 0);
}

static void cp_futex_wake(_Atomic int *p)
{
  syscall(SYS_futex, (int *)p, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
}

static void cp_kick(void)
{
  int fd = atomic_load(&cp_efd);
  uint64_t one = 1;
  if (fd >= 0 && write(fd, &one, sizeof one) < 0) {
    /* the counter is full: the waker has plenty to read */
  }
}

/* The reset handler, on the waiting thread, when a request applies to it
 * (async-signal-safe). */
void __cp_waiter_on_signal(void)
{
  struct cp_waiter *w = __cp_btls.waiter;
  if (!w)
    return;
  int s = W_WAITING;
  if (atomic_compare_exchange_strong(&w->state, &s, W_WAKE_REQ))
    cp_kick();
}

/* ---- the waker ---- */

static int64_t cp_due[CP_MAX_WAITERS]; /* sem: next re-signal, 0 none (waker only) */
static int64_t cp_gap[CP_MAX_WAITERS];

#define CP_RESIGNAL_FIRST_NS 100000LL
#define CP_RESIGNAL_MAX_NS   2000000LL
#define CP_TRYLOCK_RETRY_NS  100000LL
#define CP_WAKER_STACK       (64 * 1024)

/* One look at every record; returns the nearest time the waker must look
 * again without a kick, or -1. */
static int64_t cp_waker_scan(int pid)
{
  int n = atomic_load(&cp_nwaiters);
  int64_t next = -1, now = cp_now();
#define CP_SOONER(t) (next = (next < 0 || (t) < next) ? (t) : next)
  for (int i = 0; i < n; i++) {
    struct cp_waiter *w = &cp_waiters[i];
    if (atomic_load(&w->state) != W_WAKE_REQ) {
      cp_due[i] = 0;
      continue;
    }
    if (w->kind == K_COND) {
      int s = W_WAKE_REQ;
      if (!atomic_compare_exchange_strong(&w->state, &s, W_WAKING))
        continue;
      if (pthread_mutex_trylock(w->mutex) == 0) {
        pthread_cond_broadcast(w->cond);
        pthread_mutex_unlock(w->mutex);
        atomic_store(&w->state, W_DONE);
      } else {
        atomic_store(&w->state, W_WAKE_REQ); /* held: try again soon */
        CP_SOONER(now + CP_TRYLOCK_RETRY_NS);
      }
      cp_futex_wake(&w->state);
    } else {
      if (cp_due[i] == 0) {
        cp_gap[i] = CP_RESIGNAL_FIRST_NS;
        cp_due[i] = now + cp_gap[i];
      } else if (now >= cp_due[i]) {
        __cp_tgkill(pid, w->tid, __cp_reset_signal);
        if ((cp_gap[i] *= 2) > CP_RESIGNAL_MAX_NS)
          cp_gap[i] = CP_RESIGNAL_MAX_NS;
        cp_due[i] = now + cp_gap[i];
      }
      CP_SOONER(cp_due[i]);
    }
  }
#undef CP_SOONER
  return next;
}

static void *cp_waker_main(void *arg)
{
  (void)arg;
  int pid = __cp_getpid();
  int64_t next = -1;
  for (;;) {
    int fd = atomic_load(&cp_efd);
    struct pollfd p = {fd, POLLIN, 0};
    struct timespec ts, *tsp = NULL;
    if (next >= 0) {
      ts = __cp_timespec(next - cp_now());
      tsp = &ts;
    }
    ppoll(&p, 1, tsp, NULL);
    uint64_t v;
    while (read(fd, &v, sizeof v) > 0) {
    }
    next = cp_waker_scan(pid);
  }
  return NULL;
}

static void cp_waker_fork_child(void)
{
  int fd = atomic_exchange(&cp_efd, -1);
  if (fd >= 0)
    close(fd);
  atomic_store(&cp_waker_state, 0);
  pthread_mutex_init(&cp_waker_mu, NULL);
  for (int i = 0; i < CP_MAX_WAITERS; i++)
    atomic_store(&cp_waiters[i].state, W_FREE);
  atomic_store(&cp_nwaiters, 0);
  __cp_btls.waiter = NULL;
}

static int cp_waker_start(void)
{
  int st = atomic_load(&cp_waker_state);
  if (st)
    return st > 0;
  pthread_mutex_lock(&cp_waker_mu);
  if (!(st = atomic_load(&cp_waker_state))) {
    static int atfork;
    if (!atfork && pthread_atfork(NULL, NULL, cp_waker_fork_child) == 0)
      atfork = 1;
    int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    st = -1;
    if (fd >= 0) {
      atomic_store(&cp_efd, fd);
      if (__cp_spawn(cp_waker_main, CP_WAKER_STACK, "cp-waker") == 0)
        st = 1;
      if (st < 0) {
        atomic_store(&cp_efd, -1);
        close(fd);
        __cp_msg("cannot start the waker thread; cp_cond_wait and cp_sem_wait "
                 "poll every 10 ms",
                 NULL, NULL, NULL);
      }
    }
    atomic_store(&cp_waker_state, st);
  }
  pthread_mutex_unlock(&cp_waker_mu);
  return st > 0;
}

/* ---- records ---- */

static struct cp_waiter *cp_claim(int kind, pthread_cond_t *c, pthread_mutex_t *m)
{
  if (!cp_waker_start())
    return NULL;
  for (;;) {
    int n = atomic_load(&cp_nwaiters);
    for (int i = 0; i < n; i++) {
      int s = W_FREE;
      if (atomic_load(&cp_waiters[i].state) == W_FREE &&
          atomic_compare_exchange_strong(&cp_waiters[i].state, &s, W_CLAIMED)) {
        struct cp_waiter *w = &cp_waiters[i];
        w->kind = kind;
        w->tid = __cp_gettid();
        w->cond = c;
        w->mutex = m;
        atomic_store(&w->state, W_WAITING);
        __cp_btls.waiter = w;
        return w;
      }
    }
    if (n == CP_MAX_WAITERS)
      return NULL;
    atomic_compare_exchange_strong(&cp_nwaiters, &n, n + 1); /* grow, look again */
  }
}

/* Leave the record; relock: the mutex the thread holds (cond), which must
 * be let go while the waker is at work on it. */
static void cp_release(struct cp_waiter *w, pthread_mutex_t *relock)
{
  __cp_btls.waiter = NULL;
  atomic_signal_fence(memory_order_seq_cst);
  for (;;) {
    int s = atomic_load(&w->state);
    if (s == W_WAKING) {
      if (relock)
        pthread_mutex_unlock(relock);
      while (atomic_load(&w->state) == W_WAKING)
        cp_futex_wait(&w->state, W_WAKING);
      if (relock)
        pthread_mutex_lock(relock);
      continue;
    }
    if (atomic_compare_exchange_strong(&w->state, &s, W_FREE))
      return;
  }
}

/* ---- cond ---- */

static long cp_cond_slices(pthread_cond_t *c, pthread_mutex_t *m)
{
  struct timespec ts = __cp_timespec(cp_now() + CP_SLICE_NS);
  int r = pthread_cond_clockwait(c, m, CLOCK_MONOTONIC, &ts);
  if (__cp_applies(0))
    return CP_CANCELLED;
  return r == ETIMEDOUT ? 0 : r; /* a spurious wake-up */
}

long __cp_cond_wait_op(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *abstime)
{
  if (__cp_applies(0))
    return CP_CANCELLED;
  struct cp_waiter *w = cp_claim(K_COND, c, m);
  if (!w)
    return abstime ? pthread_cond_timedwait(c, m, abstime) : cp_cond_slices(c, m);
  if (__cp_applies(0)) {
    cp_release(w, m);
    return CP_CANCELLED;
  }
  int r = abstime ? pthread_cond_timedwait(c, m, abstime) : pthread_cond_wait(c, m);
  cp_release(w, m);
  if (__cp_applies(0)) {
    if (r == 0)
      pthread_cond_signal(c); /* the wake-up it may have taken from another */
    return CP_CANCELLED;
  }
  return r;
}

/* A wait's result (0, an error number, CP_CANCELLED) as libc returns it. */
static long cp_wait_ret(long r) { return __cp_ret(r == CP_CANCELLED ? r : -r); }

/* The mutex is released while the thread waits: its own hold (hold.c) is
 * lifted for the wait, and restored (held again) when it returns, with
 * ECANCELED too (an explicit point never leaves). */
static long cp_cond_lifted(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *t)
{
  struct cp_lift l;
  __cp_held_lift(m, &l);
  long r = __cp_cond_wait_op(c, m, t);
  __cp_held_restore(m, &l, 0, NULL);
  return r;
}

CP_EXPORT int cp_cond_wait(pthread_cond_t *c, pthread_mutex_t *m)
{
  return (int)cp_wait_ret(cp_cond_lifted(c, m, NULL));
}

CP_EXPORT int cp_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m,
                                const struct timespec *abstime)
{
  if (!abstime) {
    errno = EINVAL;
    return -1;
  }
  return (int)cp_wait_ret(cp_cond_lifted(c, m, abstime));
}

/* ---- sem ---- */

long __cp_sem_wait_op(sem_t *s)
{
  for (;;) {
    if (__cp_applies(0))
      return CP_CANCELLED;
    if (sem_trywait(s) == 0)
      return 0;
    if (errno != EAGAIN)
      return errno;
    struct cp_waiter *w = cp_claim(K_SEM, NULL, NULL);
    uint64_t seq = __cp_btls.seq;
    atomic_signal_fence(memory_order_seq_cst);
    if (__cp_applies(0)) {
      if (w)
        cp_release(w, NULL);
      return CP_CANCELLED;
    }
    struct timespec ts = __cp_timespec(cp_now() + (w ? CP_FAR_NS : CP_SLICE_NS));
    int r = sem_clockwait(s, CLOCK_MONOTONIC, &ts), e = errno;
    if (w)
      cp_release(w, NULL);
    if (r == 0)
      return 0;
    if (e == EINTR) {
      if (__cp_applies(0))
        return CP_CANCELLED;
      if (__cp_btls.seq != seq)
        continue;
      return EINTR;
    }
    if (e != ETIMEDOUT)
      return e;
  }
}

CP_EXPORT int cp_sem_wait(sem_t *s) { return (int)cp_wait_ret(__cp_sem_wait_op(s)); }
