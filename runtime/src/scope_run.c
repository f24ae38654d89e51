/* scope_run.c - running code in a scope, delivery to a scope, cleanups,
 * and threads that belong to a scope.
 *
 * cp_scope_run pushes a frame on the thread's stack of frames (a jmp_buf,
 * without the signal mask: delivery happens in normal context, after the
 * reset handler returned), makes its scope the thread's current one and
 * calls fn.  __cp_deliver (an implicit point that found a request) finds
 * the catching scope (scope.c's __cp_eval: the outermost cancelled scope in
 * reach), runs the cleanups pushed since that frame, LIFO, with requests
 * held, and jumps to the frame.  The frame is the catching scope's own if
 * this thread runs it; else the thread's outermost frame (the start wrapper
 * of a cp_thread_create thread, which then ends; or the outermost
 * cp_scope_run of this thread).  The root catches nothing here: the
 * foundation's report and exit(130).
 */
#include "internal.h"
#include "cancelpoints.h"
#include "scope.h"
#include "hold.h"
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#define CP_IE __attribute__((tls_model("initial-exec")))

struct cp_cleanup {
  void (*fn)(void *);
  void *arg;
  int covers; /* arg is a lock this thread holds: the cleanup releases it */
};

static __thread struct cp_frame *cp_top CP_IE;
static __thread struct cp_cleanup *cp_cl CP_IE;
static __thread size_t cp_ncl CP_IE, cp_capcl CP_IE;

static struct cp_frame *cp_find_frame(struct cp_scope *c)
{
  struct cp_frame *f = cp_top, *outer = NULL;
  for (; f; f = f->prev) {
    if (f->scope == c)
      return f;
    outer = f;
  }
  return outer;
}

/* The scope that catches what applies now, or NULL. */
static struct cp_scope *cp_catcher(int graceful)
{
  struct cp_eval e;
  __cp_eval(&e);
  if (e.hard)
    return e.hard;
  if (e.graceful && (graceful || e.aware))
    return e.graceful;
  return NULL;
}

void __cp_note_observed(int graceful)
{
  struct cp_scope *c = cp_catcher(graceful);
  if (!c || c == &__cp_root)
    return;
  struct cp_frame *f = cp_find_frame(c);
  if (f && f->observed != 2)
    f->observed = f->scope == c ? 2 : 1;
}

/* Called by __cp_deliver; returns only if the root takes it. */
void __cp_deliver_scope(void)
{
  struct cp_scope *c = cp_catcher(0);
  if (!c)
    c = cp_catcher(1);
  if (!c || c == &__cp_root)
    return;
  struct cp_frame *f = cp_find_frame(c);
  if (!f)
    return;
  __cp_tls.armed = NULL;
  __cp_tls.cp_tls_flags |= CP_TF_DELIVERING;
  __cp_tls.poll = 0;
  while (cp_ncl > f->cleanup_mark) {
    struct cp_cleanup cl = cp_cl[--cp_ncl];
    cl.fn(cl.arg);
    if (cl.covers)
      __cp_held_drop(cl.arg); /* released, by a wrapper or by libc itself */
  }
  __cp_tls.cp_tls_flags &= ~(uint64_t)CP_TF_DELIVERING;
  f->caught_own = f->scope == c;
  _longjmp(f->jb, 1);
}

/* The thread's innermost frame becomes f; a thread with a frame is in the
 * set of threads that requests on scopes signal. */
static void cp_set_top(struct cp_frame *f)
{
  if (!cp_top && f)
    __cp_scoped_enter();
  else if (cp_top && !f)
    __cp_scoped_leave();
  cp_top = f;
}

/* Leave frame f (normal return or caught). */
static void cp_leave(struct cp_frame *f)
{
  cp_set_top(f->prev);
  __cp_tls.scope = f->saved_scope;
  __cp_tls.armed = f->armed;
  while (cp_ncl > f->cleanup_mark) /* never run on a normal return */
    if (cp_cl[--cp_ncl].covers)
      __cp_held_uncover(cp_cl[cp_ncl].arg);
  __cp_refresh();
}

static void cp_caught(struct cp_scope *s)
{
  atomic_store(&s->caught, 1);
  if (atomic_load(&s->cause) == CP_CAUSE_SIGINT)
    __cp_sigint_landed();
}

CP_EXPORT int cp_scope_run(cp_scope *s, void (*fn)(void *), void *arg)
{
  if (!s || !fn || s == &__cp_root) {
    errno = EINVAL;
    return -1;
  }
  struct cp_frame f;
  f.scope = s;
  f.prev = cp_top;
  f.armed = __cp_tls.armed;
  f.saved_scope = __cp_tls.scope;
  f.cleanup_mark = cp_ncl;
  f.thread_root = 0;
  f.observed = 0;
  f.caught_own = 0;
  if (_setjmp(f.jb) == 0) {
    cp_set_top(&f);
    __cp_tls.scope = s;
    __cp_refresh();
    fn(arg);
    cp_leave(&f);
    if (!f.observed)
      return 0;
    if (f.observed == 2)
      cp_caught(s);
    errno = ECANCELED;
    return -1;
  }
  cp_leave(&f);
  if (f.caught_own)
    cp_caught(s);
  errno = ECANCELED;
  return -1;
}

/* ---- cleanups ------------------------------------------------------------ */

CP_EXPORT void cp_cleanup_push(void (*fn)(void *), void *arg)
{
  if (!fn)
    return;
  if (cp_ncl == cp_capcl) {
    size_t n = cp_capcl ? cp_capcl * 2 : 16;
    struct cp_cleanup *p = realloc(cp_cl, n * sizeof *p);
    if (!p) {
      __cp_msg("cp_cleanup_push: out of memory", NULL, NULL, NULL);
      abort();
    }
    cp_cl = p;
    cp_capcl = n;
  }
  cp_cl[cp_ncl].fn = fn;
  cp_cl[cp_ncl].arg = arg;
  cp_cl[cp_ncl].covers = 0;
  cp_ncl++; /* a delivery sees a complete entry */
  /* A cleanup whose argument is a lock the thread holds releases it: the
   * lock no longer holds requests that a scope catches. */
  if (cp_top && __cp_held_has(arg)) {
    cp_cl[cp_ncl - 1].covers = 1;
    atomic_signal_fence(memory_order_seq_cst);
    __cp_held_cover(arg);
  }
}

CP_EXPORT void cp_cleanup_pop(int execute)
{
  if (cp_ncl == 0 || (cp_top && cp_ncl <= cp_top->cleanup_mark))
    return;
  struct cp_cleanup cl = cp_cl[cp_ncl - 1];
  if (cl.covers && !execute)
    __cp_held_uncover(cl.arg); /* the lock holds requests again */
  cp_ncl--;
  if (execute && cl.covers) {
    cp_hold(); /* no delivery between the release and the record's drop */
    cl.fn(cl.arg);
    __cp_held_drop(cl.arg);
    cp_resume();
  } else if (execute) {
    cl.fn(cl.arg);
  }
}

/* ---- threads of a scope -------------------------------------------------- */

struct cp_start {
  struct cp_scope *s;
  void *(*fn)(void *);
  void *arg;
};

static void cp_thread_done(struct cp_scope *s)
{
  pthread_mutex_lock(&s->nthreads_mu);
  if (--s->nthreads == 0)
    pthread_cond_broadcast(&s->nthreads_cv);
  pthread_mutex_unlock(&s->nthreads_mu);
}

static void *cp_start(void *p)
{
  struct cp_start st = *(struct cp_start *)p;
  free(p);
  struct cp_frame f;
  void *volatile ret = PTHREAD_CANCELED;
  f.scope = st.s;
  f.prev = NULL;
  f.armed = NULL;
  f.saved_scope = NULL;
  f.cleanup_mark = 0;
  f.thread_root = 1;
  f.observed = 0;
  f.caught_own = 0;
  if (_setjmp(f.jb) == 0) {
    cp_set_top(&f);
    __cp_tls.scope = st.s;
    __cp_refresh();
    ret = st.fn(st.arg);
  }
  cp_set_top(NULL);
  __cp_tls.scope = NULL;
  __cp_tls.armed = NULL;
  cp_ncl = 0;
  free(cp_cl);
  cp_cl = NULL;
  cp_capcl = 0;
  __cp_refresh();
  cp_thread_done(st.s);
  return ret;
}

CP_EXPORT int cp_thread_create(cp_scope *s, pthread_t *t, void *(*fn)(void *), void *arg)
{
  pthread_t tmp;
  if (!s || !fn || s == &__cp_root) {
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

static struct timespec cp_ts(int64_t ns)
{
  struct timespec ts = {(time_t)(ns / 1000000000), (long)(ns % 1000000000)};
  return ts;
}

CP_EXPORT int cp_scope_join(cp_scope *s, int64_t deadline_ns)
{
  if (!s || s == &__cp_root) {
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
    struct timespec ts = cp_ts(deadline_ns);
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
  if (!s || s == &__cp_root) {
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
