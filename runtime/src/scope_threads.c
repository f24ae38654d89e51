/* scope_threads.c - threads that belong to a scope: cp_thread_create, and
 * waiting for them (cp_scope_join, cp_scope_shutdown).
 *
 * A thread of s runs its function in a frame of s (scope_run.c), its
 * outermost: a request that reaches it ends the thread at its next point,
 * and pthread_join then gives PTHREAD_CANCELED.  The scope counts its
 * running threads under a mutex, so joining is a condition wait.
 */
#include "cancelpoints.h"
#include "scope.h"
#include <errno.h>
#include <stdlib.h>
#include <time.h>

struct cp_start {
  struct cp_scope *s;
  void *(*fn)(void *);
  void *arg;
  void *ret; /* fn's result; PTHREAD_CANCELED until it returns */
};

static void cp_thread_done(struct cp_scope *s)
{
  pthread_mutex_lock(&s->nthreads_mu);
  if (--s->nthreads == 0)
    pthread_cond_broadcast(&s->nthreads_cv);
  pthread_mutex_unlock(&s->nthreads_mu);
}

static void cp_thread_body(void *p)
{
  struct cp_start *st = p;
  st->ret = st->fn(st->arg);
}

static void *cp_start(void *p)
{
  struct cp_start st = *(struct cp_start *)p;
  free(p);
  st.ret = PTHREAD_CANCELED;
  __cp_run_in(st.s, cp_thread_body, &st);
  __cp_cleanups_free();
  cp_thread_done(st.s);
  return st.ret;
}

CP_EXPORT int cp_thread_create(cp_scope *s, pthread_t *t, void *(*fn)(void *), void *arg)
{
  pthread_t tmp;
  if (!s || !fn || cp_is_root(s)) {
    errno = EINVAL;
    return -1;
  }
  struct cp_start *st = malloc(sizeof *st);
  if (!st) {
    errno = ENOMEM;
    return -1;
  }
  st->s = s;
  st->fn = fn;
  st->arg = arg;
  pthread_mutex_lock(&s->nthreads_mu);
  s->nthreads++;
  pthread_mutex_unlock(&s->nthreads_mu);
  int r = pthread_create(t ? t : &tmp, NULL, cp_start, st);
  if (r != 0) {
    free(st);
    cp_thread_done(s);
    errno = r;
    return -1;
  }
  if (!t)
    pthread_detach(tmp);
  return 0;
}

CP_EXPORT int cp_scope_join(cp_scope *s, int64_t deadline_ns)
{
  if (!s || cp_is_root(s)) {
    errno = EINVAL;
    return -1;
  }
  int rc = 0;
  pthread_mutex_lock(&s->nthreads_mu);
  while (s->nthreads > 0) {
    if (deadline_ns < 0 || deadline_ns == INT64_MAX) {
      pthread_cond_wait(&s->nthreads_cv, &s->nthreads_mu);
      continue;
    }
    struct timespec ts = __cp_timespec(deadline_ns);
    if (pthread_cond_timedwait(&s->nthreads_cv, &s->nthreads_mu, &ts) == ETIMEDOUT &&
        s->nthreads > 0) {
      rc = -1;
      break;
    }
  }
  pthread_mutex_unlock(&s->nthreads_mu);
  if (rc)
    errno = ETIMEDOUT;
  return rc;
}

CP_EXPORT int cp_scope_shutdown(cp_scope *s, int64_t grace_ns)
{
  if (!s || cp_is_root(s)) {
    errno = EINVAL;
    return -1;
  }
  if (grace_ns < 0)
    grace_ns = __cp_grace_of(s);
  int64_t until = cp_now() + grace_ns;
  if (grace_ns > 0) {
    cp_scope_cancel_graceful(s, grace_ns);
    if (cp_scope_join(s, until) == 0)
      return 0;
  }
  cp_scope_cancel(s);
  return cp_scope_join(s, -1);
}
