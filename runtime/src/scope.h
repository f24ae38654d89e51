/* scope.h - the scope record and the verdict: what the scope files, the
 * canceller, the hold and delivery share.
 *
 * Every scope, the root included, is one struct cp_scope; the root is the
 * one without a parent (the process).  Its request word has the format of a
 * thread's poll word (CP_REQ_* in internal.h): requests mark it with
 * atomics, and each thread judges its own chain of scopes (verdict.c). */
#ifndef CP_SCOPE_H
#define CP_SCOPE_H
#include "internal.h"
#include <pthread.h>
#include <setjmp.h>

/* A scope's mode word: how its points see requests (not requests). */
#define CP_SCOPE_SHIELD        0x1u /* requests from above are held inside */
#define CP_SCOPE_SEES_GRACEFUL 0x2u /* points inside see graceful requests */

struct cp_scope {
  struct cp_scope *parent;  /* NULL: the root */
  _Atomic uint32_t request; /* CP_REQ_HARD, _GRACEFUL, _ESCALATED, the first cause */
  _Atomic uint32_t mode;    /* CP_SCOPE_* */
  _Atomic int canceller;    /* tid that made the first request (0: the runtime) */
  _Atomic int caught;       /* cp_scope_cancelled_caught */
  _Atomic int64_t deadline; /* INT64_MAX: none */
  _Atomic int64_t grace_ns; /* -1: inherit */
  _Atomic int64_t hard_at;  /* a graceful request turns hard then */
  /* threads of cp_thread_create still running in it */
  int nthreads;
  pthread_mutex_t nthreads_mu;
  pthread_cond_t nthreads_cv;
  /* the list of live scopes, the root first (the canceller scans it) */
  struct cp_scope *next, **prevp;
};

extern struct cp_scope __cp_root;
extern pthread_mutex_t __cp_scopes_mu;
void __cp_scopes_fork_prepare(void); /* fork.c: the list's lock across fork */
void __cp_scopes_fork_parent(void);
void __cp_scopes_fork_child(void);

static inline int cp_is_root(const struct cp_scope *s) { return s->parent == NULL; }

/* scope.c: the calling thread's innermost scope (the root outside any). */
struct cp_scope *__cp_cur(void);
/* Is s itself hard now (a request, its deadline, its grace ran out)?  Marks
 * what the clock shows, so the cause is recorded once.  now: the clock,
 * read lazily (-1 until read).  Async-signal-safe. */
int __cp_scope_hard(struct cp_scope *s, int64_t *now);
static inline int cp_scope_graceful(struct cp_scope *s)
{
  return (atomic_load(&s->request) & CP_REQ_GRACEFUL) != 0;
}
/* The grace of graceful requests on s: its own, or inherited (0 at last). */
int64_t __cp_grace_of(struct cp_scope *s);

/* verdict.c: what applies to the calling thread now, from one walk of its
 * chain of scopes (innermost up to the root, stopping at a shield). */
struct cp_verdict {
  struct cp_scope *hard;     /* outermost hard scope in reach, or NULL */
  struct cp_scope *graceful; /* outermost graceful scope in reach, or NULL */
  int sees_graceful;         /* the innermost scope's points see graceful requests */
  int held_inline;           /* held by the inline lock record (hold.c): the
                                poll word stays set for the next point */
};
/* Does a request apply to a point that sees graceful ones (graceful = 1)
 * or only hard ones and its scope's (0)? */
static inline int cp_verdict_applies(const struct cp_verdict *v, int graceful)
{
  return v->hard || (v->graceful && (graceful || v->sees_graceful));
}
/* The scope that catches what applies: the hard one, else the graceful. */
static inline struct cp_scope *cp_verdict_catcher(const struct cp_verdict *v)
{
  return v->hard ? v->hard : v->graceful;
}
/* Judge the chain and write the poll word (and the graceful word) from
 * it; normal context or handler.  Returns the poll word. */
uint32_t __cp_update_poll(struct cp_verdict *v);

/* deliver.c: deliver what v found (normal context). */
_Noreturn void __cp_deliver(const struct cp_verdict *v, const struct cp_site *site, void *caller);

/* hold.c: clear what the verdict found if the thread holds requests (a lock
 * taken in instrumented code, cp_hold, a signal handler, a callback). */
void __cp_held_filter(struct cp_verdict *v);

/* scope_run.c: the thread's frames.  __cp_run_in runs fn(arg) in a frame
 * of s (cp_scope_run, and the start of a cp_thread_create thread) and says
 * how it ended: fn returned and nothing was seen; or it was cancelled (left
 * by delivery, or an explicit point in it saw a request the frame catches),
 * by a request on s itself (OWN) or on a scope above. */
enum cp_run_end { CP_RUN_RETURNED, CP_RUN_CANCELLED, CP_RUN_CANCELLED_OWN };
enum cp_run_end __cp_run_in(struct cp_scope *s, void (*fn)(void *), void *arg);
/* Delivery to the frame of this thread that catches c: runs the cleanups
 * pushed since, then jumps there.  Returns if the thread has no frame. */
void __cp_unwind_to(struct cp_scope *c);
/* An explicit point saw a request that c catches: its frame records it. */
void __cp_note_seen(struct cp_scope *c);
/* A thread of cp_thread_create ends: its cleanup stack goes. */
void __cp_cleanups_free(void);

#endif
