/* internal.h - what the runtime's files share and nothing else sees.
 *
 * Everything declared here has hidden visibility (the runtime is built with
 * -fvisibility=hidden); the exported names carry CP_EXPORT at the definition.
 */
#ifndef CP_INTERNAL_H
#define CP_INTERNAL_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "cancelpoints_abi.h"
#include "cancelpoints.h"

#define CP_EXPORT __attribute__((visibility("default")))
#define cp_likely(x) __builtin_expect(!!(x), 1)
#define cp_unlikely(x) __builtin_expect(!!(x), 0)

/* tls.c: the thread's state, read inline by instrumented code. */
extern __thread struct cp_tls __cp_tls __attribute__((tls_model("initial-exec")));

/* Runtime-private words of struct cp_tls (its reserved[] room). */
#define cp_tls_flags reserved[0] /* CP_TF_* below, only the thread writes it */
#define CP_TF_EXITING 1u         /* this thread delivered to the root: it is
                                    running exit(); requests no longer apply */

/* The value of a request, as copied into __cp_tls.poll: flags in the low
 * byte, the cause in the next one. */
#define CP_REQ_HARD 0x1u
#define CP_REQ_GRACEFUL 0x2u
#define CP_REQ_NUDGE 0x80u /* set by a requester in another thread's poll
                              word: "look at your scopes" (scoped.c) */
#define CP_REQ_FLAGS 0xffu
#define CP_REQ_CAUSE_SHIFT 8
/* Causes: CP_CAUSE_* of cancelpoints.h (NONE, API, SIGINT, DEADLINE,
 * PARENT (getters only), GRACE). */
#define cp_req_cause(p) ((int)(((p) >> CP_REQ_CAUSE_SHIFT) & 0xffu))

/* request.c: the process-wide request word; 0 when nothing is pending. */
extern _Atomic uint32_t __cp_req_process;
void cp_request_process(int cause);

/* broadcast.c: make every thread of the process look at the request words. */
void __cp_broadcast(void);
/* The same for a request on a scope other than the root: only the threads
 * inside some scope can see it, so only they are signalled (no thread that
 * has nothing to do with scopes gets a signal, or an EINTR, from them). */
void __cp_broadcast_scoped(void);
void __cp_broadcast_reset(void);

/* tasks.c: the process's thread ids, from /proc/self/task with raw
 * syscalls (async-signal-safe).  Calls fn(tid, arg) for each; returns the
 * number of tids seen, or -1 if the directory could not be read. */
int __cp_tasks(void (*fn)(int tid, void *arg), void *arg);
/* The calling thread's tid and the process's pid, each read from the kernel
 * once (a request and a reset signal ask for them several times; a syscall
 * is microseconds on a virtual machine) and forgotten in the child of fork
 * (__cp_ids_forget).  Async-signal-safe. */
int __cp_gettid(void);
int __cp_getpid(void);
void __cp_ids_forget(void);
int __cp_tgkill(int pid, int tid, int sig);

/* threads.c: the registry of threads the runtime has signalled.  A slot
 * belongs to a tid; the broadcaster (one at a time) claims and frees slots,
 * a thread's own handler clears its in-flight flag. */
struct cp_slot {
  _Atomic int tid;          /* 0: free */
  _Atomic int inflight;     /* a reset signal is on its way to the thread */
  _Atomic uint32_t round;   /* last broadcast round that visited it */
  _Atomic int state;        /* reserved for scopes (later) */
  /* scopes: "where are you" (canceller.c asks, the thread's handler answers) */
  _Atomic int where_ask;          /* 1: record the interrupted PC */
  _Atomic uintptr_t where_pc;     /* the answer, 0 until then */
  _Atomic uintptr_t where_hold;   /* and what holds its requests (hold.c's
                                     __cp_hold_where), 0: nothing */
};
#define CP_MAX_SLOTS 1024
struct cp_slot *__cp_slot_find(int tid);
struct cp_slot *__cp_slot_claim(int tid);
struct cp_slot *__cp_slot_self(void);
void __cp_slot_reap(uint32_t round);
void __cp_slot_tids(void (*fn)(int tid, void *arg), void *arg);
void __cp_slots_reset(void);

/* scoped.c: the set of threads inside a cancel scope (scope_run.c enters
 * and leaves it).  __cp_scoped_tids calls fn for each, or returns -1 if the
 * set is incomplete; __cp_scoped_nudge sets CP_REQ_NUDGE in each one's poll
 * word (async-signal-safe). */
void __cp_scoped_enter(void);
void __cp_scoped_leave(void);
int __cp_scoped_tids(void (*fn)(int tid, void *arg), void *arg);
void __cp_scoped_nudge(void);
void __cp_scoped_reset(void);
/* The initial thread's poll word, nudged by requests on the root. */
void __cp_nudge_note_main(void); /* the constructor, on the initial thread */
void __cp_nudge_main(void);

/* reset.c: the reset signal and its handler. */
extern int __cp_reset_signal;
int __cp_reset_install(void);
int __cp_reset_uc(void *uc);
/* 1 if the interrupted context was on its alternate signal stack. */
int __cp_uc_on_altstack(void *uc);

/* arch (arch/<cpu>/; all async-signal-safe): rewrite an interrupted
 * context (ucontext_t *) so that it returns from __cp_arm(ctx) with 1; read
 * its PC (0: unknown on this target) and stack pointer. */
void __cp_rewind_uc(void *uc, const struct cp_reset_ctx *ctx);
uintptr_t __cp_uc_pc(void *uc);
uintptr_t __cp_uc_sp(void *uc);
/* The system call it is making (its PC on the syscall instruction, or just
 * past one that ended with EINTR), or -1; the call's argument i. */
long __cp_uc_syscall(void *uc);
long __cp_uc_syscall_arg(void *uc, int i);
/* Rewrite it as a call of __cp_foreign_exit (foreign_wait.c) made at the
 * interrupted instruction, which becomes the return address. */
void __cp_uc_call_foreign_exit(void *uc);
/* 1 if a signal frame lies between the interrupted context and top: the
 * thread is in another signal handler, on its own stack, that interrupted
 * the region.  __cp_restorer: the sa_restorer libc gives handlers, 0 if
 * unknown (then the answer is 0). */
extern uintptr_t __cp_restorer;
int __cp_uc_in_handler(void *uc, uintptr_t top);

/* deliver.c: the two questions every point asks.
 * __cp_applies: does a request apply to the calling thread now?  graceful:
 * 1 for points that also see graceful requests (cp_check_graceful, graceful
 * scopes).  Async-signal-safe (the reset handler and the syscall window ask
 * it too).  Scopes, shields and deadlines are evaluated here and nowhere
 * else.
 * __cp_deliver: implicit delivery, from normal context only: a non-local exit
 * to the innermost scope frame that catches the request, or the root. */
int __cp_applies(int graceful);
/* hold.c: a point found its poll word set.  If the thread holds a lock
 * recorded inline by instrumented code (cancelpoints_abi.h), the record
 * moves to the runtime's, whose release re-evaluates: the evaluation that
 * follows can then leave the poll word 0 until the unlock.  Normal context
 * only (never from a handler: the thread may be amid the inline stores). */
void __cp_held_spill(void);
static inline void __cp_held_at_point(void)
{
  if ((uintptr_t)__cp_tls.lock_site > CP_TLS_LOCK_SLOW)
    __cp_held_spill();
}
_Noreturn void __cp_deliver(const struct cp_site *site, void *caller);
/* The slow path of a poll (__cp_poll_slow, __cp_point): delivers if a
 * request applies, else returns. */
void __cp_poll_from(const struct cp_site *site, void *caller);

/* deliver.c / report.c.  The root's exit status: 128 + SIGINT, as a shell
 * reports a ^C. */
#define CP_EXIT_CANCELLED 130
_Noreturn void __cp_deliver_root(uint32_t req, const struct cp_site *site, void *caller);
/* The first thread to call it runs the root's exit (returns, with requests
 * no longer applying to it); any later one parks for good. */
void __cp_root_claim(void);
size_t __cp_report_line(char *buf, size_t n, uint32_t req, const struct cp_site *site, void *caller);
/* The line for a thread that waited in a system call outside instrumented
 * code: fn waited in sys (from entry); fn, entry may be NULL. */
size_t __cp_report_wait_line(char *buf, size_t n, uint32_t req, const char *fn, const char *sys,
                             const char *entry);

/* symbolize.c: the name of the function that holds code address addr
 * (for a return address: minus 1) into buf, n bytes with the NUL; 1, or 0
 * and "" if nothing names it.  The ELF symbol table's (libunwind) first,
 * else the exported symbol's (dladdr); dynamic_first: the other way round.
 * Not async-signal-safe: normal context only. */
int __cp_symbolize(uintptr_t addr, int dynamic_first, char *buf, size_t n);
#define CP_NAME_MAX 256 /* room for a function's name */

/* foreign_wait.c: the reset handler's last question.  A thread the root
 * takes, interrupted in a waiting system call of code that is not
 * instrumented (x86_64), is moved to the root's exit: returns 1 (then the
 * context was rewritten).  Async-signal-safe. */
int __cp_foreign_wait_on_signal(void *uc);

/* sigint.c */
extern _Atomic unsigned __cp_sigint_count;
void __cp_sigint_install(void);

/* chaos.c */
extern int __cp_chaos_on;
extern int __cp_chaos_tid;
void __cp_chaos_start(long mean_us);

/* env.c: CANCELPOINTS_* as parsed once by the constructor. */
struct cp_config {
  int signal;    /* the reset signal */
  int sigint;    /* 1: install the SIGINT handler */
  long chaos_us; /* 0: no chaos mode */
  int stats;     /* 1: print the counters at exit */
};
extern struct cp_config __cp_config;
void __cp_env_parse(void);

/* stats.c */
struct cp_stats {
  _Atomic unsigned long signals;    /* reset signals of ours received */
  _Atomic unsigned long resets;     /* contexts rewound */
  _Atomic unsigned long chaos_sent; /* chaos signals sent */
  _Atomic unsigned long requests;   /* requests made */
};
extern struct cp_stats __cp_stats;
#define cp_count(field) atomic_fetch_add_explicit(&__cp_stats.field, 1, memory_order_relaxed)

/* now.c: cp_now's nanoseconds (an instant, or an interval) as a timespec;
 * a negative one (a time already past, an interval used up) is 0.
 * Async-signal-safe. */
#define CP_NS_PER_S 1000000000LL
#define CP_NS_PER_MS 1000000LL
#define CP_NS_PER_US 1000LL
struct timespec __cp_timespec(int64_t ns);

/* fmt.c: async-signal-safe output. */
struct cp_buf {
  char *p;
  size_t n, len;
};
void __cp_buf_puts(struct cp_buf *b, const char *s);
void __cp_buf_putu(struct cp_buf *b, unsigned long v);
void __cp_write_all(int fd, const char *s, size_t n);
void __cp_msg(const char *a, const char *b, const char *c, const char *d);

/* ---- scopes (scope.c, scope_run.c, scope_threads.c, canceller.c) ----
 * A request on a scope marks the scope (atomics only) and broadcasts: every
 * thread gets a reset signal, whose handler re-evaluates the thread's own
 * chain of scopes (innermost __cp_tls.scope up to the root, stopping at a
 * shield) and writes the result into its poll word.  Nobody walks another
 * thread's scopes, so requests are async-signal-safe without a lock. */
#define cp_tls_graceful reserved[1] /* 1: a graceful request applies (seen by
                                       cp_check_graceful's fast path) */
#define CP_TF_DELIVERING 2u         /* running cleanups of a delivery */
struct cp_scope;
/* The thread's reset signal handler, before it decides on a rewind:
 * re-evaluate the poll word; answer a "where are you". */
void __cp_scope_on_signal(void *uc);
/* Recompute __cp_tls.poll (and shield, graceful) from the thread's chain;
 * normal context or handler.  Returns the poll word. */
uint32_t __cp_refresh(void);
/* An explicit point observed a request (cp_check, a blocking call that
 * returns ECANCELED): the scope that catches it records it, so that its
 * cp_scope_run returns -1/ECANCELED. */
void __cp_note_observed(int graceful);
/* Hard or graceful request on a scope (NULL: the root), async-signal-safe. */
void __cp_scope_request(struct cp_scope *s, int graceful, int64_t grace_ns, int cause);
/* canceller.c */
void __cp_canceller_wake(void);  /* async-signal-safe */
void __cp_canceller_start(void); /* normal context; once */
void __cp_canceller_fork_child(void);
void __cp_sigint_sent(void);     /* the SIGINT handler made a request */
void __cp_sigint_landed(void);   /* a request from SIGINT was delivered */
extern _Atomic(struct cp_scope *) __cp_sigint_scope;
extern _Atomic int __cp_sigint_users;

/* ---- blocking (blocking*.c, syscall_*.S; details in blocking.h) ----
 * How a blocked thread is woken: every request must reach the thread as a
 * reset signal (tgkill, as broadcast.c sends it; whether it runs or
 * sleeps), and nothing else is needed.  The handler, after the poll word is
 * refreshed and before the rewind decision, calls __cp_blocking_on_signal:
 *  - it counts the signal (a cp_ call interrupted by our signal restarts
 *    instead of returning EINTR);
 *  - a thread in the syscall window (cp_read, cp_poll, ...) whose request
 *    applies (__cp_applies(0)) has its PC moved to the window's cancel exit:
 *    returns 1, and then the handler must not rewind;
 *  - a thread in cp_cond_wait / cp_sem_wait whose request applies has its
 *    wake handed to the waker thread (an eventfd write): the waker locks the
 *    mutex and broadcasts the condition, or re-signals a sem waiter until
 *    it has left.
 * So __cp_applies must be true, in the handler of the signal sent after
 * the request, for every request that should end a blocking call.  A
 * blocking call that returns ECANCELED calls __cp_note_observed(0).
 * Async-signal-safe. */
int __cp_blocking_on_signal(void *uc);

/* fork.c */
void __cp_fork_install(void);

/* spawn.c: start a runtime thread (detached, all signals blocked, named).
 * 0, or -1 if it could not be created. */
int __cp_spawn(void *(*fn)(void *), size_t stack, const char *name);

/* init.c */
void __cp_init(void);

#endif
