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
#include "cancelpoints.h"
#include "cancelpoints_abi.h"
#include <stdatomic.h>
#include <stddef.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>

#define CP_EXPORT      __attribute__((visibility("default")))
#define cp_likely(x)   __builtin_expect(!!(x), 1)
#define cp_unlikely(x) __builtin_expect(!!(x), 0)

/* tls.c: the thread's state, read inline by instrumented code. */
extern __thread struct cp_tls __cp_tls __attribute__((tls_model("initial-exec")));

/* Runtime-private words of struct cp_tls (its reserved[] room). */
#define cp_tls_flags reserved[0] /* CP_TF_* below, only the thread writes it */
#define CP_TF_EXITING                                                                              \
  1u                        /* this thread delivered to the root: it is                            \
                               running exit(); requests no longer apply */
#define CP_TF_DELIVERING 2u /* running the cleanups of a delivery */

/* The request word: a scope's (scope.h), and the thread's poll word that
 * the verdict of its scopes makes (verdict.c).  Flags in the low byte, the
 * first request's cause in the next one. */
#define CP_REQ_HARD      0x1u
#define CP_REQ_GRACEFUL  0x2u
#define CP_REQ_ESCALATED 0x4u /* a scope's: its grace ran out (cause getter) */
#define CP_REQ_TIMED                                                                               \
  0x8u /* a scope's: made hard by its deadline or grace, and the                                  \
          threads it reaches not signalled yet (the canceller does) */
#define CP_REQ_NUDGE                                                                               \
  0x80u /* a poll word's, set by a requester in another                                            \
           thread's: "judge your scopes" (registry.c) */
#define CP_REQ_CAUSE_SHIFT 8
#define CP_REQ_CAUSE_MASK  0xff00u
/* Causes: CP_CAUSE_* of cancelpoints.h (NONE, API, SIGINT, DEADLINE,
 * PARENT (getters only), GRACE). */
#define cp_req_cause(p) ((int)(((p) & CP_REQ_CAUSE_MASK) >> CP_REQ_CAUSE_SHIFT))

/* broadcast.c: make the threads a request reaches judge their scopes:
 * every thread of the process (a request on the root), or the threads
 * inside some scope (on any other scope: no thread that has nothing to do
 * with scopes gets a signal, or an EINTR, from them).  Async-signal-safe. */
void __cp_broadcast(int every_thread);
void __cp_broadcast_fork_child(void);

/* kernel_threads.c: the process's thread ids, from /proc/self/task with raw
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

/* registry.c: the one table of the threads the runtime knows. */
struct cp_slot {
  _Atomic int tid;              /* 0: free */
  _Atomic(struct cp_tls *) tls; /* the thread's TLS, while it may be nudged */
  _Atomic int tls_users;        /* nudges writing through tls */
  _Atomic int in_scope;         /* the thread runs in a cancel scope */
  _Atomic int signal_in_flight; /* a reset signal is on its way to it */
  _Atomic uint32_t round;       /* last broadcast round that visited it */
  /* "where are you" (notice.c asks, the thread's handler answers) */
  _Atomic int where_ask;        /* 1: record the interrupted PC */
  _Atomic uintptr_t where_pc;   /* the answer, 0 until then */
  _Atomic uintptr_t where_hold; /* and what holds its requests (hold.c's
                                   __cp_hold_where), 0: nothing */
  _Atomic uintptr_t where_from; /* in a library: the nearest return
                                   address in the program, 0: none */
  _Atomic int where_armed;      /* in a reset region: a reset reaches it */
  /* The thread's innermost cancel handler, published for the runtime's
   * thread that calls it (on_cancel.c): fn and arg, then the state. */
  void (*oc_fn)(void *);
  void *oc_arg;
  _Atomic int oc_state;     /* CP_OC_* of on_cancel.c */
  _Atomic int oc_interrupt; /* cp_interrupt_wait: fail the thread's waiting
                               system call with EINTR */
};
#define CP_MAX_SLOTS 1024
/* Async-signal-safe: find a tid's slot; the calling thread's (cached). */
struct cp_slot *__cp_registry_find(int tid);
struct cp_slot *__cp_registry_self(void);
/* The broadcaster: fn(slot, tid, arg) with tid's slot, claimed if it had
 * none (NULL when the table is full), under the registry's lock; fn for
 * each tid (in a scope only: -1 when some thread in a scope has no slot);
 * nudge each thread whose TLS the registry holds (in a scope only unless
 * every_thread); free the slots of dead tids that round did not visit. */
void __cp_registry_visit(int tid, void (*fn)(struct cp_slot *s, int tid, void *arg), void *arg);
int __cp_registry_tids(int scoped_only, void (*fn)(int tid, void *arg), void *arg);
void __cp_registry_nudge(int every_thread);
void __cp_registry_reap(uint32_t round);
/* A thread itself, normal context: its slot, claimed if need be, with its
 * TLS address (NULL: the table is full); enters its first scope frame,
 * leaves its last one; the initial thread joins from the constructor. */
struct cp_slot *__cp_registry_join(void);
void __cp_registry_enter_scope(void);
void __cp_registry_leave_scope(void);
void __cp_registry_join_main(void);
void __cp_registry_fork_child(void);
/* fn(slot, arg) for every slot in use (on_cancel.c's thread). */
void __cp_registry_each(void (*fn)(struct cp_slot *s, void *arg), void *arg);
/* on_cancel.c.  The reset handler, when a request applies to the thread:
 * its cancel handler is due.  And when the handler of cp_interrupt_wait
 * asks for it: the waiting system call fails with EINTR (1: done, the
 * context was rewritten).  A thread exits: its handlers go.  Async-signal-
 * safe but the last. */
void __cp_on_cancel_reached(void);
int __cp_on_cancel_interrupt(void *uc);
void __cp_on_cancel_thread_exit(struct cp_slot *s);
/* Delivery leaves a frame: the handlers pushed since go (normal context). */
int __cp_on_cancel_depth(void);
void __cp_on_cancel_pop_to(int depth);
void __cp_on_cancel_fork_child(void);

/* reset.c: the reset signal and its handler. */
extern int __cp_reset_signal;
int __cp_reset_install(void);
int __cp_reset_uc(void *uc, int applies);
/* Before the runtime sends its signals: if code the pass did not see
 * installed a handler of the reset signal, the runtime's is put back and
 * chains to it.  Async-signal-safe. */
void __cp_reset_reclaim(void);
/* altstack.c: 1 if the interrupted context was on its alternate signal
 * stack. */
int __cp_uc_on_altstack(void *uc);

/* arch (arch/<cpu>/; all async-signal-safe): rewrite an interrupted
 * context (ucontext_t *) so that it returns from __cp_arm(ctx) with 1 (1;
 * 0 if it cannot be, and then it is unchanged); read its PC (0: unknown on
 * this target) and stack pointer. */
int __cp_rewind_uc(void *uc, const struct cp_reset_ctx *ctx);
uintptr_t __cp_uc_pc(void *uc);
uintptr_t __cp_uc_sp(void *uc);
/* The system call it is making (its PC on the syscall instruction, or just
 * past one that ended with EINTR), or -1; the call's argument i. */
long __cp_uc_syscall(void *uc);
long __cp_uc_syscall_arg(void *uc, int i);
/* Make that system call fail with err, having done nothing: 1; 0 if the
 * context is not at one. */
int __cp_uc_fail_syscall(void *uc, int err);
/* Rewrite it as a call of __cp_foreign_exit (foreign_wait.c) made at the
 * interrupted instruction, which becomes the return address. */
void __cp_uc_call_foreign_exit(void *uc);
/* 1 if a signal frame lies between the interrupted context and top: the
 * thread is in another signal handler, on its own stack, that interrupted
 * the region.  __cp_restorer: the sa_restorer libc gives handlers, 0 if
 * unknown (then the answer is 0). */
extern uintptr_t __cp_restorer;
int __cp_uc_in_handler(void *uc, uintptr_t top);

/* verdict.c: does a request apply to the calling thread now?  graceful: 1
 * for points that also see graceful requests (cp_check_graceful).  Judges
 * the thread's scopes (scope.h's verdict, the one evaluation of scopes,
 * shields, deadlines and holds) and updates its poll word.
 * Async-signal-safe. */
int __cp_applies(int graceful);
/* An explicit point saw a request (a blocking call that returns ECANCELED):
 * the frame of the scope that catches it records it, so that its
 * cp_scope_run returns -1/ECANCELED. */
void __cp_note_observed(int graceful);
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
/* deliver.c, normal context only.  The slow path of a poll (__cp_poll_slow,
 * a marker left, a redirected call): delivers if a request applies, else
 * returns.  And delivery for a blocking call that a request ended: to the
 * frame of the scope that catches it, or the root's report and exit. */
void __cp_poll_from(const struct cp_site *site, void *caller);
_Noreturn void __cp_deliver_now(const struct cp_site *site, void *caller);

/* deliver.c / report.c.  The root's exit status: 128 + SIGINT, as a shell
 * reports a ^C. */
#define CP_EXIT_CANCELLED 130
_Noreturn void __cp_deliver_root(uint32_t req, const struct cp_site *site, void *caller);
/* The first thread to call it runs the root's exit (returns, with requests
 * no longer applying to it); any later one parks for good. */
void __cp_root_claim(void);
size_t __cp_report_line(char *buf, size_t n, uint32_t req, const struct cp_site *site,
                        void *caller);
/* The line for a thread that waited in a system call outside instrumented
 * code: fn waited in sys (from entry); fn, entry may be NULL. */
size_t __cp_report_wait_line(char *buf, size_t n, uint32_t req, const char *fn, const char *sys,
                             const char *entry);

/* symbolize.c: the name of the function that holds code address addr
 * (for a return address: minus 1) into buf, n bytes with the NUL; 1, or 0
 * and "" if nothing names it.  The program's ELF symbol table first, else
 * the exported symbols that hold addr; dynamic_first: in a library, the
 * nearest exported name first.  __cp_object_base: where the file that holds addr is mapped
 * (0: none), which tells objects apart.  Both async-signal-safe. */
int __cp_symbolize(uintptr_t addr, int dynamic_first, char *buf, size_t n);
/* site_table.c: the site of the poll whose slow path returns to addr + 1
 * (NULL if none is recorded); __cp_site_by_caller: the site such a poll
 * passes until the report looks it up. */
const struct cp_site *__cp_site_at(uintptr_t addr);
extern const struct cp_site __cp_site_by_caller;
uintptr_t __cp_object_base(uintptr_t addr);
#define CP_NAME_MAX 256 /* room for a function's name */

/* foreign_wait.c: the reset handler's last question.  A thread the root
 * takes, interrupted in a waiting system call of code that is not
 * instrumented (x86_64), is moved to the root's exit: returns 1 (then the
 * context was rewritten).  applies: the handler's verdict.
 * Async-signal-safe. */
int __cp_foreign_wait_on_signal(void *uc, int applies);

/* sigint.c */
extern _Atomic unsigned __cp_sigint_count;
void __cp_sigint_install(void);
void __cp_sigint_fork_child(void);
int __cp_sigint_is_ours(const struct sigaction *a); /* the runtime's ^C handler */

/* chaos.c */
extern int __cp_chaos_on;
void __cp_chaos_start(long mean_us);

/* env.c: CANCELPOINTS_* as parsed once by the constructor. */
struct cp_config {
  int signal;    /* the reset signal */
  int sigint;    /* 1: install the SIGINT handler */
  long chaos_us; /* 0: no chaos mode */
  int stats;     /* 1: print the counters at exit */
  const char *stats_path; /* CANCELPOINTS_STATS=/path: appended there */
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
void __cp_stats_init(void); /* the constructor, after the environment */
#define cp_count(field) atomic_fetch_add_explicit(&__cp_stats.field, 1, memory_order_relaxed)

/* now.c: cp_now's nanoseconds (an instant, or an interval) as a timespec;
 * a negative one (a time already past, an interval used up) is 0.
 * Async-signal-safe. */
#define CP_NS_PER_S  1000000000LL
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

/* ---- scopes (scope.h: scope.c, verdict.c, scope_run.c, scope_threads.c) */
struct cp_scope;
/* Hard or graceful request on a scope, async-signal-safe. */
void __cp_scope_request(struct cp_scope *s, int graceful, int64_t grace_ns, int cause);
/* canceller.c: deadlines and grace periods. */
void __cp_canceller_wake(void);  /* async-signal-safe */
void __cp_canceller_start(void); /* normal context; once */
void __cp_canceller_fork_child(void);
/* sigint.c: ^C.  The scope it cancels may be destroyed: wait until no
 * handler uses it. */
void __cp_sigint_forget(struct cp_scope *s);
struct cp_scope *__cp_sigint_target(void); /* the root when none is set */
/* notice.c: the notice when a request from SIGINT has not landed within
 * 1 s, naming where each thread is, and the second ^C's end of a stuck
 * process; a timer's reset signal runs them (async-signal-safe).  tid: the
 * thread the timer's signal goes to (0: any thread of the process). */
void __cp_notice_install(int tid);      /* normal context */
void __cp_notice_fork_child(int tid);   /* normal context */
void __cp_sigint_sent(void);            /* the SIGINT handler made a request */
void __cp_sigint_landed(void);          /* a request from SIGINT was delivered */
void __cp_sigint_second_on_root(void);  /* end the process if nothing is reachable */
void __cp_notice_answer(void *uc);      /* the reset handler: "where are you" */
int __cp_notice_is_timer(const siginfo_t *si);
void __cp_notice_on_timer(void *uc);    /* uc NULL: on a thread of the runtime's */

/* ---- blocking (blocking*.c, arch/<cpu>/syscall*; details in blocking.h) ----
 * How a blocked thread is woken: every request must reach the thread as a
 * reset signal (tgkill, as broadcast.c sends it; whether it runs or
 * sleeps), and nothing else is needed.  The handler judges once and, before
 * the rewind decision, calls __cp_blocking_on_signal with the verdict
 * (applies: a request applies to the thread):
 *  - it counts the signal (a cp_ call interrupted by our signal restarts
 *    instead of returning EINTR);
 *  - a thread in the syscall window (cp_read, cp_poll, ...) whose request
 *    applies has its PC moved to the window's cancel exit:
 *    returns 1, and then the handler must not rewind;
 *  - a thread in cp_cond_wait / cp_sem_wait whose request applies has its
 *    wake handed to the waker thread (an eventfd write): the waker locks the
 *    mutex and broadcasts the condition, or re-signals a sem waiter until
 *    it has left.
 * So the verdict must apply, in the handler of the signal sent after the
 * request, for every request that should end a blocking call.  A
 * blocking call that returns ECANCELED calls __cp_note_observed(0).
 * Async-signal-safe. */
int __cp_blocking_on_signal(void *uc, int applies);
/* Last in the reset handler (which blocks every other signal while it
 * runs): a cp_ call about to be restarted, or retried for our EINTR, ends
 * with EINTR instead if a foreign signal is pending whose handler would
 * have ended it so without us.  Async-signal-safe. */
void __cp_blocking_before_return(void *uc);

/* fork.c */
void __cp_fork_install(void);

/* runtime_thread.c: start a runtime thread (detached, all signals blocked, named).
 * 0, or -1 if it could not be created. */
int __cp_spawn(void *(*fn)(void *), size_t stack, const char *name);
int __cp_is_runtime_thread(int tid);
void __cp_runtime_threads_fork_child(void);

/* init.c */
void __cp_init(void);

#endif
