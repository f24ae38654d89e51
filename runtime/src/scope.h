/* scope.h - the scope record, shared by scope*.c and canceller.c only. */
#ifndef CP_SCOPE_H
#define CP_SCOPE_H
#include "internal.h"
#include <pthread.h>
#include <setjmp.h>

#define CP_SF_HARD 0x1u      /* hard request on this scope (or deadline, grace expiry) */
#define CP_SF_GRACEFUL 0x2u  /* graceful request on this scope */
#define CP_SF_SHIELD 0x4u    /* requests from above are held inside */
#define CP_SF_AWARE 0x8u     /* points inside see graceful requests */
#define CP_SF_ESCALATED 0x10u /* the grace ran out (cause getter) */

struct cp_scope {
  struct cp_scope *parent;
  _Atomic uint32_t flags;
  _Atomic int cause;         /* enum cp_cause of the first request */
  _Atomic int canceller;     /* tid that asked (0: the runtime: deadline, grace) */
  _Atomic int caught;        /* cancelled_caught */
  _Atomic int64_t deadline;  /* INT64_MAX: none */
  _Atomic int64_t grace_ns;  /* -1: inherit */
  _Atomic int64_t hard_at;   /* a graceful request turns hard then */
  _Atomic int64_t graceful_at;
  _Atomic int fired_seen;    /* canceller: deadline/grace already broadcast */
  /* threads of cp_thread_create still running in it */
  int nthreads;
  pthread_mutex_t nthreads_mu;
  pthread_cond_t nthreads_cv;
  /* the registry of live scopes (canceller.c scans it) */
  struct cp_scope *next, **prevp;
};

extern struct cp_scope __cp_root;
extern pthread_mutex_t __cp_scopes_mu;
extern struct cp_scope *__cp_scopes;

struct cp_eval {
  struct cp_scope *hard;     /* outermost hard scope in reach, or NULL */
  struct cp_scope *graceful; /* outermost graceful scope in reach, or NULL */
  int aware;                 /* innermost scope sees graceful requests */
  int shields;
  int unfold;                /* held by the inline lock record (hold.c): the
                                poll word stays set for the next point */
};
void __cp_eval(struct cp_eval *e);
/* hold.c: clear what __cp_eval found if the thread holds requests (a lock
 * taken in instrumented code, cp_hold, a signal handler, a callback). */
void __cp_held_filter(struct cp_eval *e);
int __cp_scope_hard(struct cp_scope *s, int64_t *now);
int __cp_scope_graceful(struct cp_scope *s);
struct cp_scope *__cp_cur(void);
int64_t __cp_grace_of(struct cp_scope *s);

/* A frame of cp_scope_run (or a cp_thread_create start wrapper). */
struct cp_frame {
  struct cp_scope *scope;
  struct cp_frame *prev;
  struct cp_reset_ctx *armed;
  void *saved_scope;
  size_t cleanup_mark;
  int thread_root;        /* the start wrapper of a cp_thread_create thread */
  volatile int observed;  /* an explicit point saw a request this frame catches */
  volatile int caught_own; /* set by delivery: the request was this scope's */
  jmp_buf jb;
};

#endif
