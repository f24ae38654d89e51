/* lock_redirect.c - __cp_i_<lock>: what the pass redirects the lock and
 * unlock calls of instrumented code to (llvm-pass/Redirect.cpp), so that
 * requests are held while the thread holds a lock it took there (hold.c).
 *
 * Each calls libc's function and, when it took the lock (0; EOWNERDEAD for
 * a robust mutex, which is taken too), records it with the site the pass
 * passes as an extra last argument (the notice names it); an unlock that
 * succeeded drops the record.  Recursive locks and read locks count each
 * time they are taken.  Results and errors as libc's.  Unlocks keep libc's
 * prototype; locks take one more argument, the site.
 */
#include "hold.h"
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <threads.h>
#include <time.h>

#define CP_L(name) CP_EXPORT __attribute__((noinline)) __cp_i_##name
typedef const struct cp_site *cp_site_p;

static inline int cp_took(int r, void *lock, cp_site_p site)
{
  if (cp_likely(r == 0) || r == EOWNERDEAD)
    __cp_held_push(lock, site);
  return r;
}

static inline int cp_gave(int r, void *lock)
{
  if (cp_likely(r == 0))
    __cp_held_pop(lock);
  return r;
}

/* ---- pthread mutexes ---------------------------------------------------- */
int CP_L(pthread_mutex_lock)(pthread_mutex_t *m, cp_site_p s)
{
  return cp_took(pthread_mutex_lock(m), m, s);
}
int CP_L(pthread_mutex_trylock)(pthread_mutex_t *m, cp_site_p s)
{
  return cp_took(pthread_mutex_trylock(m), m, s);
}
int CP_L(pthread_mutex_timedlock)(pthread_mutex_t *m, const struct timespec *t, cp_site_p s)
{
  return cp_took(pthread_mutex_timedlock(m, t), m, s);
}
int CP_L(pthread_mutex_clocklock)(pthread_mutex_t *m, clockid_t c, const struct timespec *t,
                                  cp_site_p s)
{
  return cp_took(pthread_mutex_clocklock(m, c, t), m, s);
}
int CP_L(pthread_mutex_unlock)(pthread_mutex_t *m) { return cp_gave(pthread_mutex_unlock(m), m); }

/* ---- rwlocks ------------------------------------------------------------ */
int CP_L(pthread_rwlock_rdlock)(pthread_rwlock_t *l, cp_site_p s)
{
  return cp_took(pthread_rwlock_rdlock(l), l, s);
}
int CP_L(pthread_rwlock_wrlock)(pthread_rwlock_t *l, cp_site_p s)
{
  return cp_took(pthread_rwlock_wrlock(l), l, s);
}
int CP_L(pthread_rwlock_tryrdlock)(pthread_rwlock_t *l, cp_site_p s)
{
  return cp_took(pthread_rwlock_tryrdlock(l), l, s);
}
int CP_L(pthread_rwlock_trywrlock)(pthread_rwlock_t *l, cp_site_p s)
{
  return cp_took(pthread_rwlock_trywrlock(l), l, s);
}
int CP_L(pthread_rwlock_timedrdlock)(pthread_rwlock_t *l, const struct timespec *t, cp_site_p s)
{
  return cp_took(pthread_rwlock_timedrdlock(l, t), l, s);
}
int CP_L(pthread_rwlock_timedwrlock)(pthread_rwlock_t *l, const struct timespec *t, cp_site_p s)
{
  return cp_took(pthread_rwlock_timedwrlock(l, t), l, s);
}
int CP_L(pthread_rwlock_clockrdlock)(pthread_rwlock_t *l, clockid_t c, const struct timespec *t,
                                     cp_site_p s)
{
  return cp_took(pthread_rwlock_clockrdlock(l, c, t), l, s);
}
int CP_L(pthread_rwlock_clockwrlock)(pthread_rwlock_t *l, clockid_t c, const struct timespec *t,
                                     cp_site_p s)
{
  return cp_took(pthread_rwlock_clockwrlock(l, c, t), l, s);
}
int CP_L(pthread_rwlock_unlock)(pthread_rwlock_t *l) { return cp_gave(pthread_rwlock_unlock(l), l); }

/* ---- spin locks ----------------------------------------------------------- */
int CP_L(pthread_spin_lock)(pthread_spinlock_t *l, cp_site_p s)
{
  return cp_took(pthread_spin_lock(l), (void *)l, s);
}
int CP_L(pthread_spin_trylock)(pthread_spinlock_t *l, cp_site_p s)
{
  return cp_took(pthread_spin_trylock(l), (void *)l, s);
}
int CP_L(pthread_spin_unlock)(pthread_spinlock_t *l)
{
  return cp_gave(pthread_spin_unlock(l), (void *)l);
}

/* ---- C11 mutexes (thrd_success is 0) -------------------------------------- */
int CP_L(mtx_lock)(mtx_t *m, cp_site_p s)
{
  int r = mtx_lock(m);
  cp_took(r == thrd_success ? 0 : -1, m, s);
  return r;
}
int CP_L(mtx_trylock)(mtx_t *m, cp_site_p s)
{
  int r = mtx_trylock(m);
  cp_took(r == thrd_success ? 0 : -1, m, s);
  return r;
}
int CP_L(mtx_timedlock)(mtx_t *m, const struct timespec *t, cp_site_p s)
{
  int r = mtx_timedlock(m, t);
  cp_took(r == thrd_success ? 0 : -1, m, s);
  return r;
}
int CP_L(mtx_unlock)(mtx_t *m)
{
  int r = mtx_unlock(m);
  cp_gave(r == thrd_success ? 0 : -1, m);
  return r;
}

/* ---- stdio's stream locks ------------------------------------------------- */
void CP_L(flockfile)(FILE *f, cp_site_p s)
{
  flockfile(f);
  __cp_held_push(f, s);
}
int CP_L(ftrylockfile)(FILE *f, cp_site_p s) { return cp_took(ftrylockfile(f), f, s); }
void CP_L(funlockfile)(FILE *f)
{
  funlockfile(f);
  __cp_held_pop(f);
}
