/* lock_redirect.c - __cp_i_<lock>: what the pass redirects the lock and
 * unlock calls of instrumented code to (llvm-pass/Redirect.cpp), so that
 * requests are held while the thread holds a lock it took there (hold.c).
 *
 * A lock wrapper stages the record (the lock, and the site the pass passes
 * as an extra last argument: the notice names it), calls libc, and counts
 * the record when libc took the lock (0; EOWNERDEAD for a robust mutex,
 * which is taken too).  An unlock wrapper drops the record, then tail-calls
 * libc's unlock.  So neither keeps anything live across libc's call: an
 * uncontended pair costs a few instructions more than plain (bench/locks).
 * Recursive locks and read locks count each time they are taken.  Results
 * and errors as libc's.  Unlocks keep libc's prototype.
 */
#include "hold.h"
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <threads.h>
#include <time.h>

#define CP_L(name) CP_EXPORT __attribute__((noinline)) __cp_i_##name
typedef const struct cp_site *cp_site_p;

/* r: libc's result, 0 when it took the lock. */
static inline int cp_took(int r)
{
  if (cp_likely(r == 0) || r == EOWNERDEAD)
    __cp_held_count();
  return r;
}

#define CP_LOCK(call, lock, site)                                              \
  __cp_held_stage((void *)(lock), site);                                       \
  return cp_took(call)

#define CP_UNLOCK(call, lock)                                                  \
  __cp_held_pop((void *)(lock));                                               \
  return call

/* C11's functions succeed with thrd_success (0 in glibc, and said so). */
_Static_assert(thrd_success == 0, "thrd_success");

/* ---- pthread mutexes ---------------------------------------------------- */
int CP_L(pthread_mutex_lock)(pthread_mutex_t *m, cp_site_p s) { CP_LOCK(pthread_mutex_lock(m), m, s); }
int CP_L(pthread_mutex_trylock)(pthread_mutex_t *m, cp_site_p s)
{
  CP_LOCK(pthread_mutex_trylock(m), m, s);
}
int CP_L(pthread_mutex_timedlock)(pthread_mutex_t *m, const struct timespec *t, cp_site_p s)
{
  CP_LOCK(pthread_mutex_timedlock(m, t), m, s);
}
int CP_L(pthread_mutex_clocklock)(pthread_mutex_t *m, clockid_t c, const struct timespec *t,
                                  cp_site_p s)
{
  CP_LOCK(pthread_mutex_clocklock(m, c, t), m, s);
}
int CP_L(pthread_mutex_unlock)(pthread_mutex_t *m) { CP_UNLOCK(pthread_mutex_unlock(m), m); }

/* ---- rwlocks ------------------------------------------------------------ */
int CP_L(pthread_rwlock_rdlock)(pthread_rwlock_t *l, cp_site_p s)
{
  CP_LOCK(pthread_rwlock_rdlock(l), l, s);
}
int CP_L(pthread_rwlock_wrlock)(pthread_rwlock_t *l, cp_site_p s)
{
  CP_LOCK(pthread_rwlock_wrlock(l), l, s);
}
int CP_L(pthread_rwlock_tryrdlock)(pthread_rwlock_t *l, cp_site_p s)
{
  CP_LOCK(pthread_rwlock_tryrdlock(l), l, s);
}
int CP_L(pthread_rwlock_trywrlock)(pthread_rwlock_t *l, cp_site_p s)
{
  CP_LOCK(pthread_rwlock_trywrlock(l), l, s);
}
int CP_L(pthread_rwlock_timedrdlock)(pthread_rwlock_t *l, const struct timespec *t, cp_site_p s)
{
  CP_LOCK(pthread_rwlock_timedrdlock(l, t), l, s);
}
int CP_L(pthread_rwlock_timedwrlock)(pthread_rwlock_t *l, const struct timespec *t, cp_site_p s)
{
  CP_LOCK(pthread_rwlock_timedwrlock(l, t), l, s);
}
int CP_L(pthread_rwlock_clockrdlock)(pthread_rwlock_t *l, clockid_t c, const struct timespec *t,
                                     cp_site_p s)
{
  CP_LOCK(pthread_rwlock_clockrdlock(l, c, t), l, s);
}
int CP_L(pthread_rwlock_clockwrlock)(pthread_rwlock_t *l, clockid_t c, const struct timespec *t,
                                     cp_site_p s)
{
  CP_LOCK(pthread_rwlock_clockwrlock(l, c, t), l, s);
}
int CP_L(pthread_rwlock_unlock)(pthread_rwlock_t *l) { CP_UNLOCK(pthread_rwlock_unlock(l), l); }

/* ---- spin locks ----------------------------------------------------------- */
int CP_L(pthread_spin_lock)(pthread_spinlock_t *l, cp_site_p s) { CP_LOCK(pthread_spin_lock(l), l, s); }
int CP_L(pthread_spin_trylock)(pthread_spinlock_t *l, cp_site_p s)
{
  CP_LOCK(pthread_spin_trylock(l), l, s);
}
int CP_L(pthread_spin_unlock)(pthread_spinlock_t *l) { CP_UNLOCK(pthread_spin_unlock(l), l); }

/* ---- C11 mutexes ------------------------------------------------------------ */
int CP_L(mtx_lock)(mtx_t *m, cp_site_p s) { CP_LOCK(mtx_lock(m), m, s); }
int CP_L(mtx_trylock)(mtx_t *m, cp_site_p s) { CP_LOCK(mtx_trylock(m), m, s); }
int CP_L(mtx_timedlock)(mtx_t *m, const struct timespec *t, cp_site_p s)
{
  CP_LOCK(mtx_timedlock(m, t), m, s);
}
int CP_L(mtx_unlock)(mtx_t *m) { CP_UNLOCK(mtx_unlock(m), m); }

/* ---- stdio's stream locks ------------------------------------------------- */
void CP_L(flockfile)(FILE *f, cp_site_p s)
{
  __cp_held_stage(f, s);
  flockfile(f);
  __cp_held_count();
}
int CP_L(ftrylockfile)(FILE *f, cp_site_p s) { CP_LOCK(ftrylockfile(f), f, s); }
void CP_L(funlockfile)(FILE *f)
{
  __cp_held_pop(f);
  funlockfile(f);
}
