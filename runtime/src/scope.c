/* scope.c - cancel scopes: the tree, requests, and the one evaluation.
 *
 * A scope is a heap record with a parent (the scope current on the thread
 * that created it; the root for the first ones).  Requests only mark scopes,
 * with atomics: cp_scope_cancel sets HARD (and a cause and the tid that
 * asked), cp_scope_cancel_graceful sets GRACEFUL and the instant it turns
 * hard (now + grace), a deadline is a time.  Then every thread is signalled
 * (broadcast.c); each thread evaluates its own chain in __cp_refresh: from
 * its innermost scope up to the root, stopping above the first shielded
 * scope.  So a request never walks the tree, takes no lock and is
 * async-signal-safe; nested deadlines compose by minimum without anyone
 * computing it, and a shield holds whatever comes from above it.
 *
 * The root is not a heap scope: its hard and graceful bits are the process
 * request word (request.c), so cp_cancel_process and the foundation's
 * delivery to the root are unchanged.  Its grace defaults to 0: a graceful
 * request on the root (a first ^C with no target set) is hard at once,
 * unless the program gives the root a grace (cp_scope_set_grace(NULL, g)).
 */
#include "internal.h"
#include "cancelpoints.h"
#include "scope.h"
#include "hold.h"
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ucontext.h>

struct cp_scope __cp_root = {
    .deadline = INT64_MAX, .grace_ns = 0, .hard_at = INT64_MAX, .nthreads_mu = PTHREAD_MUTEX_INITIALIZER};

pthread_mutex_t __cp_scopes_mu = PTHREAD_MUTEX_INITIALIZER;
struct cp_scope *__cp_scopes; /* every live heap scope, under the mutex */

static int64_t cp_mono(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- state of one scope ------------------------------------------------ */

static void cp_set_cause(struct cp_scope *s, int cause, int tid)
{
  int none = CP_CAUSE_NONE;
  if (atomic_compare_exchange_strong(&s->cause, &none, cause))
    atomic_store(&s->canceller, tid);
}

/* Hard on this scope itself (its flag, its deadline, its grace ran out)?
 * now: lazily read clock (-1 until read).  Marks what it finds, so the
 * cause is recorded once, by whoever saw it first. */
int __cp_scope_hard(struct cp_scope *s, int64_t *now)
{
  if (s == &__cp_root) {
    uint32_t r = atomic_load(&__cp_req_process);
    if (r & CP_REQ_HARD)
      return 1;
    if (r & CP_REQ_GRACEFUL) {
      if (*now < 0)
        *now = cp_mono();
      if (*now >= atomic_load(&s->hard_at)) {
        atomic_fetch_or(&__cp_req_process, CP_REQ_HARD);
        return 1;
      }
    }
    return 0;
  }
  uint32_t f = atomic_load(&s->flags);
  if (f & CP_SF_HARD)
    return 1;
  int64_t d = atomic_load(&s->deadline);
  int64_t h = (f & CP_SF_GRACEFUL) ? atomic_load(&s->hard_at) : INT64_MAX;
  if (d == INT64_MAX && h == INT64_MAX)
    return 0;
  if (*now < 0)
    *now = cp_mono();
  if (*now >= d) {
    cp_set_cause(s, CP_CAUSE_DEADLINE, 0);
    atomic_fetch_or(&s->flags, CP_SF_HARD);
    return 1;
  }
  if (*now >= h) {
    cp_set_cause(s, CP_CAUSE_GRACE, 0);
    atomic_fetch_or(&s->flags, CP_SF_HARD | CP_SF_ESCALATED);
    return 1;
  }
  return 0;
}

int __cp_scope_graceful(struct cp_scope *s)
{
  if (s == &__cp_root)
    return (atomic_load(&__cp_req_process) & CP_REQ_GRACEFUL) != 0;
  return (atomic_load(&s->flags) & CP_SF_GRACEFUL) != 0;
}

struct cp_scope *__cp_cur(void)
{
  struct cp_scope *s = __cp_tls.scope;
  return s ? s : &__cp_root;
}

/* The thread's view: which request applies here, and which scope catches
 * it (the outermost one on the chain, below any shield, that is itself
 * hard; for a graceful request the outermost graceful one).  Async-signal-
 * safe. */
void __cp_eval(struct cp_eval *e)
{
  int64_t now = -1;
  memset(e, 0, sizeof *e);
  if (__cp_tls.cp_tls_flags & (CP_TF_EXITING | CP_TF_DELIVERING))
    return;
  struct cp_scope *cur = __cp_cur();
  e->aware = cur != &__cp_root && (atomic_load(&cur->flags) & CP_SF_AWARE);
  for (struct cp_scope *s = cur; s; s = s->parent) {
    if (__cp_scope_hard(s, &now))
      e->hard = s;
    else if (__cp_scope_graceful(s))
      e->graceful = s;
    if (s != &__cp_root && (atomic_load(&s->flags) & CP_SF_SHIELD)) {
      e->shields++;
      break;
    }
  }
  __cp_held_filter(e); /* locks and explicit holds (hold.c) */
}

/* ---- the thread's poll word -------------------------------------------- */

static __thread volatile unsigned cp_gen __attribute__((tls_model("initial-exec")));

static uint32_t cp_poll_value(const struct cp_eval *e)
{
  if (e->hard) {
    uint32_t c = e->hard == &__cp_root ? (atomic_load(&__cp_req_process) >> CP_REQ_CAUSE_SHIFT) & 0xff
                                        : (uint32_t)atomic_load(&e->hard->cause);
    return CP_REQ_HARD | (c << CP_REQ_CAUSE_SHIFT);
  }
  if (e->graceful && e->aware)
    return CP_REQ_GRACEFUL;
  return 0;
}

static unsigned cp_count_shields(void)
{
  unsigned n = 0;
  for (struct cp_scope *s = __cp_cur(); s && s != &__cp_root; s = s->parent)
    if (atomic_load(&s->flags) & CP_SF_SHIELD)
      n++;
  return n;
}

uint32_t __cp_refresh(void)
{
  struct cp_eval e;
  uint32_t v;
  unsigned g;
  do {
    g = cp_gen;
    atomic_signal_fence(memory_order_seq_cst);
    __cp_eval(&e);
    v = cp_poll_value(&e);
    if (!v && e.unfold)
      v = CP_REQ_NUDGE;
    __cp_tls.poll = v;
    __cp_tls.cp_tls_graceful = e.graceful || e.hard;
    atomic_signal_fence(memory_order_seq_cst);
  } while (g != cp_gen);
  __cp_tls.shield = cp_count_shields();
  return v;
}

void __cp_scope_on_signal(void *ucp)
{
  cp_gen++;
  atomic_signal_fence(memory_order_seq_cst);
  struct cp_slot *slot = __cp_slot_self();
  if (slot && atomic_load(&slot->where_ask)) {
    ucontext_t *uc = ucp;
#if defined(__x86_64__)
    uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
    uintptr_t pc = (uintptr_t)uc->uc_mcontext.pc;
#else
    uintptr_t pc = 1;
    (void)uc;
#endif
    atomic_store(&slot->where_hold, __cp_hold_where());
    atomic_store(&slot->where_pc, pc ? pc : 1);
    atomic_store(&slot->where_ask, 0);
  }
  __cp_refresh();
}

/* ---- the shared questions (deliver.c's interface) ---------------------- */

int __cp_applies(int graceful)
{
  struct cp_eval e;
  __cp_refresh();
  __cp_eval(&e);
  return e.hard || (e.graceful && (graceful || e.aware));
}

/* ---- requests ------------------------------------------------------------ */

int64_t __cp_grace_of(struct cp_scope *s)
{
  for (; s; s = s->parent) {
    int64_t g = atomic_load(&s->grace_ns);
    if (g >= 0)
      return g;
  }
  return 0;
}

void __cp_scope_request(struct cp_scope *s, int graceful, int64_t grace_ns, int cause)
{
  int e = errno;
  if (!s)
    s = &__cp_root;
  if (graceful && grace_ns < 0)
    grace_ns = __cp_grace_of(s);
  if (graceful && grace_ns == 0)
    graceful = 0;
  if (s == &__cp_root) {
    if (!graceful) {
      cp_request_process(cause);
      errno = e;
      return;
    }
    int64_t at = cp_mono() + grace_ns, cur = atomic_load(&s->hard_at);
    while (at < cur && !atomic_compare_exchange_weak(&s->hard_at, &cur, at)) {
    }
    uint32_t want = CP_REQ_GRACEFUL | ((uint32_t)cause << CP_REQ_CAUSE_SHIFT), old = 0;
    if (!atomic_compare_exchange_strong(&__cp_req_process, &old, want))
      atomic_fetch_or(&__cp_req_process, CP_REQ_GRACEFUL);
    cp_count(requests);
  } else {
    cp_set_cause(s, cause, __cp_gettid());
    if (graceful) {
      int64_t at = cp_mono() + grace_ns, cur = atomic_load(&s->hard_at);
      while (at < cur && !atomic_compare_exchange_weak(&s->hard_at, &cur, at)) {
      }
      atomic_store(&s->graceful_at, cp_mono());
      atomic_fetch_or(&s->flags, CP_SF_GRACEFUL);
    } else {
      atomic_fetch_or(&s->flags, CP_SF_HARD);
    }
    cp_count(requests);
  }
  if (graceful)
    __cp_canceller_wake(); /* it escalates at hard_at */
  __cp_refresh();          /* the calling thread sees it at once */
  if (s == &__cp_root)
    __cp_broadcast();
  else
    __cp_broadcast_scoped();
  errno = e;
}

/* ---- the API ------------------------------------------------------------- */

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
  s->next = __cp_scopes;
  if (s->next)
    s->next->prevp = &s->next;
  s->prevp = &__cp_scopes;
  __cp_scopes = s;
  pthread_mutex_unlock(&__cp_scopes_mu);
  __cp_canceller_start();
  return s;
}

CP_EXPORT void cp_scope_destroy(cp_scope *s)
{
  if (!s || s == &__cp_root)
    return;
  /* No SIGINT handler may still be using it as its target. */
  struct cp_scope *t = s;
  atomic_compare_exchange_strong(&__cp_sigint_scope, &t, NULL);
  while (atomic_load(&__cp_sigint_users))
    sched_yield();
  pthread_mutex_lock(&__cp_scopes_mu);
  *s->prevp = s->next;
  if (s->next)
    s->next->prevp = s->prevp;
  pthread_mutex_unlock(&__cp_scopes_mu);
  pthread_mutex_destroy(&s->nthreads_mu);
  pthread_cond_destroy(&s->nthreads_cv);
  free(s);
}

CP_EXPORT void cp_scope_cancel(cp_scope *s) { __cp_scope_request(s, 0, 0, CP_CAUSE_API); }

CP_EXPORT void cp_scope_cancel_graceful(cp_scope *s, int64_t grace_ns)
{
  __cp_scope_request(s, 1, grace_ns, CP_CAUSE_API);
}

CP_EXPORT void cp_scope_set_deadline(cp_scope *s, int64_t deadline_ns)
{
  if (!s || s == &__cp_root)
    return;
  if (deadline_ns < 0)
    deadline_ns = INT64_MAX;
  atomic_store(&s->deadline, deadline_ns);
  __cp_canceller_wake();
  __cp_refresh();
  if (deadline_ns <= cp_mono())
    __cp_broadcast_scoped();
}

CP_EXPORT void cp_scope_set_grace(cp_scope *s, int64_t grace_ns)
{
  if (!s)
    s = &__cp_root;
  atomic_store(&s->grace_ns, grace_ns < 0 ? -1 : grace_ns);
  if (s == &__cp_root && grace_ns < 0)
    atomic_store(&s->grace_ns, 0);
  __cp_canceller_start();
}

static void cp_flag(struct cp_scope *s, uint32_t f, int on)
{
  if (!s || s == &__cp_root)
    return;
  if (on)
    atomic_fetch_or(&s->flags, f);
  else
    atomic_fetch_and(&s->flags, ~f);
  __cp_refresh();
  /* Threads inside it may now see a request (or be held). */
  __cp_broadcast_scoped();
}

CP_EXPORT void cp_scope_set_shield(cp_scope *s, int on) { cp_flag(s, CP_SF_SHIELD, on); }
CP_EXPORT void cp_scope_set_graceful(cp_scope *s, int on) { cp_flag(s, CP_SF_AWARE, on); }

CP_EXPORT int cp_scope_cancel_called(const cp_scope *cs)
{
  struct cp_scope *s = (struct cp_scope *)(cs ? cs : &__cp_root);
  int64_t now = -1;
  return __cp_scope_hard(s, &now) || __cp_scope_graceful(s);
}

CP_EXPORT int cp_scope_cancelled_caught(const cp_scope *s)
{
  return s ? atomic_load(&((struct cp_scope *)s)->caught) : 0;
}

CP_EXPORT int cp_scope_cancel_cause(const cp_scope *cs)
{
  struct cp_scope *s = (struct cp_scope *)(cs ? cs : &__cp_root);
  int64_t now = -1;
  if (s == &__cp_root) {
    uint32_t r = atomic_load(&__cp_req_process);
    if (!r)
      return CP_CAUSE_NONE;
    if (!(r & CP_REQ_HARD) && __cp_scope_hard(s, &now))
      return CP_CAUSE_GRACE;
    return (int)((r >> CP_REQ_CAUSE_SHIFT) & 0xff);
  }
  if (__cp_scope_hard(s, &now) || __cp_scope_graceful(s)) {
    uint32_t f = atomic_load(&s->flags);
    if ((f & CP_SF_ESCALATED) && atomic_load(&s->cause) != CP_CAUSE_DEADLINE)
      return CP_CAUSE_GRACE;
    return atomic_load(&s->cause);
  }
  for (struct cp_scope *p = s->parent; p; p = p->parent) {
    if (__cp_scope_hard(p, &now) || __cp_scope_graceful(p))
      return CP_CAUSE_PARENT;
    if (p != &__cp_root && (atomic_load(&p->flags) & CP_SF_SHIELD))
      break;
  }
  return CP_CAUSE_NONE;
}

CP_EXPORT int cp_scope_canceller_tid(const cp_scope *cs)
{
  if (!cs)
    return 0;
  struct cp_scope *s = (struct cp_scope *)cs;
  return atomic_load(&s->cause) ? atomic_load(&s->canceller) : 0;
}

CP_EXPORT cp_scope *cp_scope_current(void) { return (cp_scope *)__cp_tls.scope; }
