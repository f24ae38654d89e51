/* scope.c - cancel scopes: the tree, the requests that mark them, and the
 * API that reads and sets them.
 *
 * A scope is a record with a parent (the scope current on the thread that
 * created it); the root, the process, is the static one without a parent,
 * and NULL names it in the API.  A request only marks a scope, with
 * atomics: cp_scope_cancel sets HARD (and the first cause, and the tid that
 * asked), cp_scope_cancel_graceful sets GRACEFUL and the instant it turns
 * hard (now + grace), a deadline is a time.  Then the threads it can reach
 * are signalled (broadcast.c), and each judges its own chain (verdict.c).
 * So a request never walks the tree, takes no lock and is async-signal-safe.
 * The root's grace is 0: a graceful request on it (a first ^C with no
 * target set) is hard at once, unless the program gives it a grace.
 */
#include "scope.h"
#include "cancelpoints.h"
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <time.h>

pthread_mutex_t __cp_scopes_mu = PTHREAD_MUTEX_INITIALIZER; /* the list's links */
struct cp_scope __cp_root = {.deadline = INT64_MAX,
                             .grace_ns = 0,
                             .hard_at = INT64_MAX,
                             .nthreads_mu = PTHREAD_MUTEX_INITIALIZER,
                             .nthreads_cv = PTHREAD_COND_INITIALIZER,
                             .prevp = NULL};

static struct cp_scope *cp_scope_of(const cp_scope *s)
{
  return s ? (struct cp_scope *)s : &__cp_root;
}

struct cp_scope *__cp_cur(void)
{
  struct cp_scope *s = __cp_tls.scope;
  return s ? s : &__cp_root;
}

/* ---- the request word ---------------------------------------------------- */

/* Sets bits; the first request's cause (and who made it) stays. */
static void cp_mark(struct cp_scope *s, uint32_t bits, int cause, int tid)
{
  uint32_t old = atomic_load(&s->request), want;
  do {
    want = old | bits;
    if (!(old & CP_REQ_CAUSE_MASK))
      want |= (uint32_t)cause << CP_REQ_CAUSE_SHIFT;
  } while (!atomic_compare_exchange_weak(&s->request, &old, want));
  if (!(old & CP_REQ_CAUSE_MASK))
    atomic_store(&s->canceller, tid);
}

int __cp_scope_hard(struct cp_scope *s, int64_t *now)
{
  uint32_t r = atomic_load(&s->request);
  if (r & CP_REQ_HARD)
    return 1;
  int64_t d = atomic_load(&s->deadline);
  int64_t h = (r & CP_REQ_GRACEFUL) ? atomic_load(&s->hard_at) : INT64_MAX;
  if (d == INT64_MAX && h == INT64_MAX)
    return 0;
  if (*now < 0)
    *now = cp_now();
  /* Whoever sees the time first marks the scope hard: a thread's own
   * judgement (a handler's too) updates only its own poll word, so the
   * canceller is told to signal the others (CP_REQ_TIMED). */
  if (*now >= d) {
    cp_mark(s, CP_REQ_HARD | CP_REQ_TIMED, CP_CAUSE_DEADLINE, 0);
    __cp_canceller_wake();
    return 1;
  }
  if (*now >= h) {
    cp_mark(s, CP_REQ_HARD | CP_REQ_ESCALATED | CP_REQ_TIMED, CP_CAUSE_GRACE, 0);
    __cp_canceller_wake();
    return 1;
  }
  return 0;
}

int64_t __cp_grace_of(struct cp_scope *s)
{
  for (; s; s = s->parent) {
    int64_t g = atomic_load(&s->grace_ns);
    if (g >= 0)
      return g;
  }
  return 0;
}

/* After a change on s, the threads it can reach judge again: every thread
 * for the root (every thread is in it), else the threads in some scope. */
static void cp_reach(struct cp_scope *s)
{
  struct cp_verdict v;
  __cp_update_poll(&v); /* the calling thread sees it at once */
  __cp_broadcast(cp_is_root(s));
}

void __cp_scope_request(struct cp_scope *s, int graceful, int64_t grace_ns, int cause)
{
  int e = errno;
  if (graceful && grace_ns < 0)
    grace_ns = __cp_grace_of(s);
  if (graceful && grace_ns > 0) {
    int64_t at = cp_now() + grace_ns, cur = atomic_load(&s->hard_at);
    while (at < cur && !atomic_compare_exchange_weak(&s->hard_at, &cur, at)) {
    }
    cp_mark(s, CP_REQ_GRACEFUL, cause, __cp_gettid());
    __cp_canceller_wake(); /* it escalates at hard_at */
  } else {
    cp_mark(s, CP_REQ_HARD, cause, __cp_gettid());
  }
  cp_count(requests);
  cp_reach(s);
  errno = e;
}

/* ---- the API: the tree ----------------------------------------------------- */

CP_EXPORT cp_scope *cp_scope_create(void)
{
  struct cp_scope *s = calloc(1, sizeof *s);
  if (!s) {
    errno = ENOMEM;
    return NULL;
  }
  s->parent = __cp_cur();
  s->deadline = INT64_MAX;
  s->hard_at = INT64_MAX;
  s->grace_ns = -1;
  pthread_mutex_init(&s->nthreads_mu, NULL);
  pthread_condattr_t ca;
  pthread_condattr_init(&ca);
  pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
  pthread_cond_init(&s->nthreads_cv, &ca);
  pthread_condattr_destroy(&ca);
  pthread_mutex_lock(&__cp_scopes_mu);
  s->next = __cp_root.next; /* the root stays first */
  if (s->next)
    s->next->prevp = &s->next;
  s->prevp = &__cp_root.next;
  __cp_root.next = s;
  pthread_mutex_unlock(&__cp_scopes_mu);
  __cp_canceller_start();
  return s;
}

/* fork() while another thread holds the list's lock (the canceller walks
 * the list under it) left the child's copy locked for good: its next
 * cp_scope_create or cp_scope_destroy waited for ever.  The forking thread
 * holds the lock across fork (fork.c), so the child's list is whole. */
void __cp_scopes_fork_prepare(void) { pthread_mutex_lock(&__cp_scopes_mu); }
void __cp_scopes_fork_parent(void) { pthread_mutex_unlock(&__cp_scopes_mu); }
void __cp_scopes_fork_child(void) { pthread_mutex_init(&__cp_scopes_mu, NULL); }

CP_EXPORT void cp_scope_destroy(cp_scope *s)
{
  if (!s || cp_is_root(s))
    return;
  __cp_sigint_forget(s); /* no SIGINT handler may still be using it */
  pthread_mutex_lock(&__cp_scopes_mu);
  *s->prevp = s->next;
  if (s->next)
    s->next->prevp = s->prevp;
  pthread_mutex_unlock(&__cp_scopes_mu);
  pthread_mutex_destroy(&s->nthreads_mu);
  pthread_cond_destroy(&s->nthreads_cv);
  free(s);
}

/* ---- the API: requests and settings ------------------------------------------ */

CP_EXPORT void cp_scope_cancel(cp_scope *s)
{
  __cp_scope_request(cp_scope_of(s), 0, 0, CP_CAUSE_API);
}

CP_EXPORT void cp_cancel_process(void) { cp_scope_cancel(NULL); }

CP_EXPORT void cp_scope_cancel_graceful(cp_scope *s, int64_t grace_ns)
{
  __cp_scope_request(cp_scope_of(s), 1, grace_ns, CP_CAUSE_API);
}

CP_EXPORT void cp_scope_set_deadline(cp_scope *cs, int64_t deadline_ns)
{
  struct cp_scope *s = cp_scope_of(cs);
  if (deadline_ns < 0)
    deadline_ns = INT64_MAX;
  atomic_store(&s->deadline, deadline_ns);
  __cp_canceller_start();
  __cp_canceller_wake();
  if (deadline_ns <= cp_now())
    cp_reach(s);
  else
    __cp_update_poll(&(struct cp_verdict){0});
}

CP_EXPORT void cp_scope_set_grace(cp_scope *s, int64_t grace_ns)
{
  atomic_store(&cp_scope_of(s)->grace_ns, grace_ns < 0 ? -1 : grace_ns);
  __cp_canceller_start();
}

static void cp_set_mode(struct cp_scope *s, uint32_t bit, int on)
{
  if (on)
    atomic_fetch_or(&s->mode, bit);
  else
    atomic_fetch_and(&s->mode, ~bit);
  cp_reach(s); /* threads inside may now see a request, or be held */
}

CP_EXPORT void cp_scope_set_shield(cp_scope *s, int on)
{
  cp_set_mode(cp_scope_of(s), CP_SCOPE_SHIELD, on);
}

CP_EXPORT void cp_scope_set_graceful(cp_scope *s, int on)
{
  cp_set_mode(cp_scope_of(s), CP_SCOPE_SEES_GRACEFUL, on);
}

/* ---- the API: questions ------------------------------------------------------ */

static int cp_requested(struct cp_scope *s)
{
  int64_t now = -1;
  return __cp_scope_hard(s, &now) || cp_scope_graceful(s);
}

CP_EXPORT int cp_scope_cancel_called(const cp_scope *s) { return cp_requested(cp_scope_of(s)); }

CP_EXPORT int cp_scope_cancelled_caught(const cp_scope *s)
{
  return atomic_load(&cp_scope_of(s)->caught);
}

CP_EXPORT int cp_scope_cancel_cause(const cp_scope *cs)
{
  struct cp_scope *s = cp_scope_of(cs);
  if (cp_requested(s)) {
    uint32_t r = atomic_load(&s->request);
    int cause = cp_req_cause(r);
    return (r & CP_REQ_ESCALATED) && cause != CP_CAUSE_DEADLINE ? CP_CAUSE_GRACE : cause;
  }
  for (struct cp_scope *p = s->parent; p; p = p->parent) {
    if (cp_requested(p))
      return CP_CAUSE_PARENT;
    if (atomic_load(&p->mode) & CP_SCOPE_SHIELD)
      break;
  }
  return CP_CAUSE_NONE;
}

CP_EXPORT int cp_scope_canceller_tid(const cp_scope *cs)
{
  struct cp_scope *s = cp_scope_of(cs);
  return atomic_load(&s->request) & CP_REQ_CAUSE_MASK ? atomic_load(&s->canceller) : 0;
}

CP_EXPORT cp_scope *cp_scope_current(void) { return (cp_scope *)__cp_tls.scope; }
