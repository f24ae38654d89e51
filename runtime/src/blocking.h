/* blocking.h - shared by the cancellable blocking calls (blocking*.c,
 * arch/<cpu>/syscall.*) and nothing else.  The runtime's other files see
 * only the "blocking" part of internal.h.  Assembly includes it for the
 * numbers above !__ASSEMBLER__. */
#ifndef CP_BLOCKING_H
#define CP_BLOCKING_H

/* The kernel's errors are -1 .. -CP_ERRNO_MAX. */
#define CP_ERRNO_MAX 4095
/* __cp_syscall_cp's results that are not the kernel's. */
#define CP_SC_RECHECK (-CP_ERRNO_MAX - 1) /* a signal of ours came: ask again */
#define CP_SC_CANCEL  (-CP_ERRNO_MAX - 2) /* the handler moved the PC out of the window */
/* Where arch/x86_64/syscall.S reads struct cp_btls's seq. */
#define CP_BTLS_SEQ_OFF 0

#ifndef __ASSEMBLER__
#include "internal.h"
#include <pthread.h>
#include <semaphore.h>

/* Per-thread state of the blocking calls (its own initial-exec TLS record,
 * so that struct cp_tls keeps its room for scopes). */
struct cp_btls {
  volatile uint64_t seq;             /* reset signals of ours this thread took */
  struct cp_waiter *volatile waiter; /* the wait it is in (cond, sem), or NULL */
  volatile int eintr_ours;           /* a handler of ours found that the syscall
                                        may have ended with EINTR for it */
};
_Static_assert(offsetof(struct cp_btls, seq) == CP_BTLS_SEQ_OFF, "cp_btls.seq");
extern __thread struct cp_btls __cp_btls __attribute__((tls_model("initial-exec")));

long __cp_syscall_cp(uint64_t seq, long nr, long a1, long a2, long a3, long a4, long a5, long a6);
/* arch: where the reset handler found the thread (uc, its ucontext_t *) in
 * __cp_syscall_cp's window; async-signal-safe. */
enum cp_sc_at {
  CP_SC_OUT,    /* not in it */
  CP_SC_BEFORE, /* from the seq check up to the syscall instruction, or on it
                   again for a restart (SA_RESTART): no effect yet */
  CP_SC_EINTR,  /* the syscall may have ended with EINTR for this signal
                   (x86_64: just past it with -EINTR; generic: every time) */
  CP_SC_IN      /* elsewhere in it */
};
int __cp_sc_at(void *uc);
/* Moves a thread CP_SC_BEFORE to the window's exit that returns CP_SC_CANCEL. */
void __cp_sc_cancel_uc(void *uc);

/* The result of an operation before it reaches the caller: >= 0 the
 * syscall's result, -errno, or CP_CANCELLED. */
#define CP_CANCELLED (-0x7fffffffL)

/* blocking.c: one cancellable syscall; never returns -EINTR caused by a
 * signal of ours unless timed (then the caller recomputes its timeout):
 * with timed, returns CP_AGAIN instead. */
#define CP_AGAIN (-0x7ffffffeL)
long __cp_sys(int timed, long nr, long a1, long a2, long a3, long a4, long a5, long a6);
/* A result as libc returns it: -1 with errno = -r for r = -errno (a
 * kernel error, down to -CP_ERRNO_MAX), else r.  (A pthread-style error
 * number e: pass -e.) */
long __cp_errno_ret(long r);
/* The same, and -1/ECANCELED for CP_CANCELLED (which the scopes record). */
long __cp_ret(long r);

/* blocking_wait.c: the waits a signal cannot interrupt race-free.
 * Results are 0, a positive error number (pthread's), or CP_CANCELLED. */
long __cp_cond_wait_op(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *abstime);
long __cp_sem_wait_op(sem_t *s);
void __cp_waiter_on_signal(void); /* from __cp_blocking_on_signal, if a request applies */

/* blocking_io.c: the operations shared by cp_* and __cp_i_* */
long __cp_sleep_until_op(int64_t deadline_ns);
long __cp_nanosleep_op(const struct timespec *req, struct timespec *rem);
long __cp_poll_op(void *fds, unsigned long nfds, int timeout_ms);
long __cp_select_op(int n, void *r, void *w, void *e, void *tv);

#endif /* !__ASSEMBLER__ */
#endif
