/* cancelpoints.h - the program's side of cancelpoints.
 *
 * Link with libcancelpoints_rt (-lcancelpoints_rt -lpthread -lunwind -ldl),
 * or build with cpcc, which does it.  Uniform conventions, as in libdill:
 * calls that can fail return -1 and set errno; ECANCELED means "a
 * cancellation request reached this point"; times are int64_t nanoseconds of
 * cp_now()'s clock.  Compiles as C11 and as C++.
 */
#ifndef CANCELPOINTS_H
#define CANCELPOINTS_H

#include <pthread.h>
#include <stdint.h>

#define CANCELPOINTS_VERSION_MAJOR 0
#define CANCELPOINTS_VERSION_MINOR 1
#define CANCELPOINTS_VERSION_PATCH 0
/* major * 10000 + minor * 100 + patch */
#define CANCELPOINTS_VERSION                                                                       \
  (CANCELPOINTS_VERSION_MAJOR * 10000 + CANCELPOINTS_VERSION_MINOR * 100 +                         \
   CANCELPOINTS_VERSION_PATCH)

/* Words for the source (README, "Words in the source").  With the clang
 * plugin (-fplugin=libcancelpoints_clang.so; cpcc loads it) they are its
 * attributes; with clang alone, the annotations the pass reads the same way
 * (-fpass-plugin); with other compilers, nothing.  On a function:
 *   CP_NOCANCEL    no points in it
 *   CP_RESET_SAFE  (a declaration) a call to it may be rewound: no effects
 *   CP_SHIELD      requests are held while it runs (cp_hold .. cp_resume)
 *   CP_POINT       its entry is a point
 * and CP_NOCANCEL_LOOP before a for, while or do: that loop gets no point of
 * its own (the plugin only: elsewhere it is nothing). */
#if defined(__CANCELPOINTS_CLANG_PLUGIN__)
#define CP_NOCANCEL      __attribute__((cancelpoints_nocancel))
#define CP_RESET_SAFE    __attribute__((cancelpoints_reset_safe))
#define CP_SHIELD        __attribute__((cancelpoints_shield))
#define CP_POINT         __attribute__((cancelpoints_point))
#define CP_NOCANCEL_LOOP __attribute__((cancelpoints_nocancel))
#elif defined(__clang__)
#define CP_NOCANCEL   __attribute__((annotate("cp_nocancel")))
#define CP_RESET_SAFE __attribute__((annotate("cp_reset_safe")))
#define CP_SHIELD     __attribute__((annotate("cp_shield")))
#define CP_POINT      __attribute__((annotate("cp_point")))
#define CP_NOCANCEL_LOOP
#else
#define CP_NOCANCEL
#define CP_RESET_SAFE
#define CP_SHIELD
#define CP_POINT
#define CP_NOCANCEL_LOOP
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* An explicit point: 0, or -1 with errno ECANCELED when a hard request
 * applies to this thread (not held by a shield), or a graceful one and the
 * thread's current scope is graceful (cp_scope_set_graceful).  Never jumps;
 * the scope that catches the request records that it was seen, so its
 * cp_scope_run returns -1/ECANCELED.  */
int cp_check(void);

/* Like cp_check, but graceful requests are seen too. */
int cp_check_graceful(void);

/* Hold requests on the calling thread: while its hold count is above 0,
 * no request applies to it (points do not deliver, reset regions are not
 * rewound, blocking calls are not cancelled, cp_check returns 0); a request
 * that came meanwhile lands at the first point after the matching
 * cp_resume.  Like a shield, but for the thread, whatever its scope.  The
 * same count holds requests while the thread holds a lock it took in
 * instrumented code, runs a signal handler or a callback that libc runs
 * under its own lock.  cp_resume without a cp_hold does nothing.  Both are
 * async-signal-safe. */
void cp_hold(void);
void cp_resume(void);

/* ---- Structured cancellation: scopes ----------------------------------
 * A scope is a unit of work that can be cancelled: a request on it reaches
 * every scope below it and every thread running in any of them, except
 * through a shield.  The root scope is the process; NULL names it where a
 * scope is taken (cp_scope_cancel(NULL) == cp_cancel_process()). */
typedef struct cp_scope cp_scope;

/* A new scope, a child of the calling thread's current scope (the root
 * outside any).  NULL with errno ENOMEM.  The parent must outlive it. */
cp_scope *cp_scope_create(void);
/* Frees it.  Only once no thread runs in it: after cp_scope_run returned
 * and cp_scope_join/cp_scope_shutdown saw its threads end. */
void cp_scope_destroy(cp_scope *s);
/* Runs fn(arg) in s on the calling thread.  0 when fn returned; -1 with
 * errno ECANCELED when fn was cancelled by s or a scope above it that this
 * thread does not run (an implicit point left fn, its cleanups ran), or when
 * an explicit point in fn saw such a request.  Requests on a scope further
 * out that this thread runs pass through, to that scope's cp_scope_run.
 * EINVAL for a NULL scope or fn. */
int cp_scope_run(cp_scope *s, void (*fn)(void *), void *arg);
/* Hard request: every point in s (and below) sees it.  Any thread, and
 * async-signal-safe. */
void cp_scope_cancel(cp_scope *s);
/* Graceful request: seen by cp_check_graceful, and by every point in a
 * graceful scope (cp_scope_set_graceful); it turns hard grace_ns later
 * (< 0: the scope's grace, inherited from its parents; the root's is 0).
 * A hard request overtakes it.  A grace of 0 is a hard request.
 * Async-signal-safe. */
void cp_scope_cancel_graceful(cp_scope *s, int64_t grace_ns);
/* Absolute deadline on cp_now()'s clock; the scope is cancelled (hard,
 * cause CP_CAUSE_DEADLINE) when it passes.  < 0 or INT64_MAX: none. */
void cp_scope_set_deadline(cp_scope *s, int64_t deadline_ns);
/* The grace period of graceful requests on s and on scopes below it that
 * have none.  < 0: inherit (the default).  NULL: the root's (default 0). */
void cp_scope_set_grace(cp_scope *s, int64_t grace_ns);
/* Shield: requests on scopes above s are held while a thread is in s (they
 * land at the first point after it leaves s); s's own requests and deadline
 * still apply. */
void cp_scope_set_shield(cp_scope *s, int on);
/* Points in s (cp_check, implicit points, blocking calls) see graceful
 * requests.  Not inherited: a child scope is not graceful unless set. */
void cp_scope_set_graceful(cp_scope *s, int on);
/* 1 if a request (hard or graceful, or its deadline) was made on s itself. */
int cp_scope_cancel_called(const cp_scope *s);
/* 1 if s caught a cancellation: its cp_scope_run returned -1/ECANCELED
 * because of a request on s itself. */
int cp_scope_cancelled_caught(const cp_scope *s);

/* Who asked. */
enum {
  CP_CAUSE_NONE = 0,     /* not cancelled */
  CP_CAUSE_API = 1,      /* cp_scope_cancel[_graceful] / cp_cancel_process */
  CP_CAUSE_SIGINT = 2,   /* ^C */
  CP_CAUSE_DEADLINE = 3, /* its deadline passed */
  CP_CAUSE_PARENT = 4,   /* not s itself: a scope above it is cancelled */
  CP_CAUSE_GRACE = 5     /* a graceful request's grace period ran out */
};
int cp_scope_cancel_cause(const cp_scope *s);
/* The thread id (gettid) that made the first request on s; 0 when none,
 * or when the runtime did (deadline, grace). */
int cp_scope_canceller_tid(const cp_scope *s);
/* The calling thread's current scope; NULL: the root. */
cp_scope *cp_scope_current(void);

/* Deferred cleanups: run LIFO on the cancelled thread when the scope they
 * were pushed in is left by cancellation, before cp_scope_run returns;
 * never on a normal return, unless popped with execute != 0.
 * A cleanup pushed inside a scope with the address of a lock the thread
 * holds as arg (cp_cleanup_push(unlock, &m) right after locking m in
 * instrumented code) releases that lock: m no longer holds requests that a
 * scope catches, so the thread may be cancelled through (the cleanup
 * unlocks m).  Popping it without executing makes m hold requests again. */
void cp_cleanup_push(void (*fn)(void *), void *arg);
void cp_cleanup_pop(int execute);

/* A thread that belongs to s: fn(arg) runs in s (in a frame of s), and a
 * request on s (or above) ends it at its next point: pthread_join then
 * gives PTHREAD_CANCELED.  t may be NULL (a detached thread).  0, or -1
 * with errno. */
int cp_thread_create(cp_scope *s, pthread_t *t, void *(*fn)(void *), void *arg);
/* Waits until every thread of s has ended (not a cancellation point).
 * deadline_ns < 0 or INT64_MAX: no limit.  0, or -1 with errno ETIMEDOUT. */
int cp_scope_join(cp_scope *s, int64_t deadline_ns);
/* libdill's bundle_cancel: graceful request on s, wait for its threads at
 * most grace_ns (< 0: s's grace), then a hard request, then join.  0. */
int cp_scope_shutdown(cp_scope *s, int64_t grace_ns);
/* The scope ^C cancels (NULL: the root).  Destroying it resets this. */
void cp_sigint_target(cp_scope *s);

/* ---- Code that is not instrumented: cancel handlers ----------------------
 * A library call with no points (sqlite3_exec, a BLAS routine, a read under
 * stdio) cannot be left by a scope.  Around it, push a handler: while it is
 * the thread's innermost one, the first request that reaches the thread
 * and applies to it (also one already there at the push) makes the
 * runtime call fn(arg) once, from a thread of its own, in normal context,
 * while the thread is still in the library.  fn stops the library
 * (sqlite3_interrupt, shutdown(2) on a socket, a flag the library polls);
 * when the call returns, the thread's next point delivers as usual.
 * fn may call any thread-safe function, and cp_cancel_process or
 * cp_scope_cancel; it must not call cp_on_cancel_push or _pop, longjmp,
 * or wait for the thread that pushed it (that thread waits for fn in
 * cp_on_cancel_pop).  A fn that blocks delays other threads' handlers,
 * not deadlines.  LIFO per thread (16 deep); pop takes the innermost back,
 * waiting if fn runs.  push: 0, or -1 with errno EINVAL (no fn) or ENOMEM. */
int cp_on_cancel_push(void (*fn)(void *), void *arg);
void cp_on_cancel_pop(void);
/* A handler for calls that wait in the kernel (a read under fgets, a
 * library's poll): pushed as fn (arg unused), it makes the system call the
 * thread waits in, or the next one it makes, fail with EINTR, having done
 * nothing (x86_64; elsewhere it does nothing). */
void cp_interrupt_wait(void *unused);

/* Requests cancellation of the whole process (hard): every thread sees it
 * at its next point; with no cancel scope, the process reports and exits
 * with status 130.  Async-signal-safe. */
void cp_cancel_process(void);

/* CLOCK_MONOTONIC, in nanoseconds. */
int64_t cp_now(void);

#ifdef __cplusplus
}
#endif

#include "cancelpoints_io.h" /* cp_read, cp_cond_wait, ...: cancellable blocking calls */

#endif
