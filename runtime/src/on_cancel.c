/* on_cancel.c - cancel handlers: a way into code that is not instrumented.
 *
 * A thread about to call a library that has no points (sqlite3_exec, a
 * BLAS routine, a read under stdio) pushes a handler: cp_on_cancel_push(fn,
 * arg).  While it is the thread's innermost one, the first request that
 * reaches the thread and applies to it (its reset signal's verdict, or a
 * request already there at the push) makes it due, and the runtime's
 * on-cancel thread calls fn(arg) once, in normal context: fn may call
 * ordinary functions (sqlite3_interrupt, shutdown(2), pthread_kill) that
 * make the library return; the thread's next point then delivers as usual.
 * cp_on_cancel_pop ends it, waiting if fn is running.
 *
 * The handler is published in the thread's registry slot (fn, arg, then
 * the state), so the reset handler marks it due with one compare-and-swap
 * and an eventfd write (async-signal-safe), and the on-cancel thread, a
 * thread of its own so that a handler that blocks delays no deadline,
 * finds it there.  cp_interrupt_wait, given as fn, makes the thread's
 * waiting system call fail with EINTR: the on-cancel thread signals the
 * thread until its reset handler finds it at a system call and rewrites it
 * (arch's __cp_uc_fail_syscall), or the handler is popped.
 */
#include "cancelpoints.h"
#include "internal.h"
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#define CP_OC_MAX         16                 /* handlers a thread may nest */
#define CP_OC_STACK       (128 * 1024)       /* the on-cancel thread's stack */
#define CP_OC_RESIGNAL_NS (2 * CP_NS_PER_MS) /* cp_interrupt_wait's period */

/* A slot's oc_state. */
enum { CP_OC_NONE, CP_OC_ARMED, CP_OC_DUE, CP_OC_RUNNING, CP_OC_CALLED };

struct cp_oc_entry {
  void (*fn)(void *);
  void *arg;
  int called; /* fn ran (or runs) for a request: not again */
};

static __thread struct cp_oc_entry cp_stack[CP_OC_MAX];
static __thread int cp_depth;
static __thread int cp_popping; /* the thread is taking its handler back */
static int cp_efd = -1;
static pthread_once_t cp_started = PTHREAD_ONCE_INIT;
static struct cp_slot *cp_running; /* the slot whose fn runs (on-cancel thread) */

static void cp_wake(void)
{
  uint64_t one = 1;
  if (cp_efd >= 0 && write(cp_efd, &one, sizeof one) < 0) {
    /* the counter is full: the thread has plenty to read */
  }
}

void __cp_on_cancel_reached(void)
{
  struct cp_slot *s = __cp_registry_self();
  int armed = CP_OC_ARMED;
  if (s && atomic_compare_exchange_strong(&s->oc_state, &armed, CP_OC_DUE))
    cp_wake();
}

/* ---- the on-cancel thread -------------------------------------------------- */

static void cp_run_due(struct cp_slot *s, void *unused)
{
  (void)unused;
  int due = CP_OC_DUE;
  if (!atomic_compare_exchange_strong(&s->oc_state, &due, CP_OC_RUNNING))
    return;
  cp_running = s;
  s->oc_fn(s->oc_arg);
  cp_running = NULL;
  atomic_store(&s->oc_state, CP_OC_CALLED);
}

static void *cp_on_cancel_main(void *arg)
{
  (void)arg;
  for (;;) {
    struct pollfd p = {cp_efd, POLLIN, 0};
    if (poll(&p, 1, -1) > 0) {
      uint64_t v;
      if (read(cp_efd, &v, sizeof v) < 0) {
        /* woken meanwhile by someone else's read: nothing lost */
      }
    }
    __cp_registry_each(cp_run_due, NULL);
  }
  return NULL;
}

static void cp_start_once(void)
{
  int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  cp_efd = fd; /* before the thread that polls it starts */
  if (fd >= 0 && __cp_spawn(cp_on_cancel_main, CP_OC_STACK, "cp-on-cancel") != 0) {
    cp_efd = -1;
    close(fd);
  }
}

static int cp_start(void)
{
  pthread_once(&cp_started, cp_start_once);
  return cp_efd >= 0 ? 0 : -1;
}

/* ---- the thread's side ----------------------------------------------------- */

/* Take the published handler back; returns whether it was called. */
static int cp_retract(struct cp_slot *s)
{
  cp_popping = 1;
  atomic_signal_fence(memory_order_seq_cst);
  atomic_store(&s->oc_interrupt, 0);
  int st;
  for (;;) {
    st = atomic_load(&s->oc_state);
    if (st == CP_OC_RUNNING)
      sched_yield(); /* fn runs: wait until it returns */
    else if (atomic_compare_exchange_strong(&s->oc_state, &st, CP_OC_NONE))
      break;
  }
  cp_popping = 0;
  return st == CP_OC_CALLED;
}

static void cp_publish(struct cp_slot *s, const struct cp_oc_entry *e)
{
  s->oc_fn = e->fn;
  s->oc_arg = e->arg;
  atomic_store(&s->oc_state, e->called ? CP_OC_CALLED : CP_OC_ARMED);
  if (!e->called && __cp_applies(0))
    __cp_on_cancel_reached(); /* a request was there before the push */
}

CP_EXPORT int cp_on_cancel_push(void (*fn)(void *), void *arg)
{
  if (!fn) {
    errno = EINVAL;
    return -1;
  }
  struct cp_slot *s = __cp_registry_join();
  if (!s || cp_depth == CP_OC_MAX || cp_start() != 0) {
    errno = ENOMEM;
    return -1;
  }
  if (cp_depth > 0 && cp_retract(s))
    cp_stack[cp_depth - 1].called = 1;
  cp_stack[cp_depth] = (struct cp_oc_entry){fn, arg, 0};
  cp_publish(s, &cp_stack[cp_depth++]);
  return 0;
}

CP_EXPORT void cp_on_cancel_pop(void)
{
  struct cp_slot *s = __cp_registry_self();
  if (cp_depth == 0 || !s)
    return;
  cp_retract(s);
  if (--cp_depth > 0)
    cp_publish(s, &cp_stack[cp_depth - 1]);
}

int __cp_on_cancel_depth(void) { return cp_depth; }

void __cp_on_cancel_pop_to(int depth)
{
  while (cp_depth > depth)
    cp_on_cancel_pop();
}

void __cp_on_cancel_thread_exit(struct cp_slot *s)
{
  if (cp_depth > 0)
    cp_retract(s);
  cp_depth = 0;
}

/* In the child of fork: no on-cancel thread.  The calling thread's
 * handlers stay pushed but are not called there (their library calls are
 * the parent's). */
void __cp_on_cancel_fork_child(void)
{
  if (cp_efd >= 0)
    close(cp_efd);
  cp_efd = -1;
  cp_started = (pthread_once_t)PTHREAD_ONCE_INIT;
  cp_running = NULL;
  for (int i = 0; i < cp_depth; i++)
    cp_stack[i].called = 1;
  struct cp_slot *s = __cp_registry_self();
  if (s)
    atomic_store(&s->oc_state, cp_depth ? CP_OC_CALLED : CP_OC_NONE);
}

/* ---- cp_interrupt_wait ----------------------------------------------------- */

CP_EXPORT void cp_interrupt_wait(void *unused)
{
  (void)unused;
  struct cp_slot *s = cp_running;
  if (!s)
    return; /* called directly, not as a cancel handler */
  int tid = atomic_load(&s->tid), pid = __cp_getpid();
  atomic_store(&s->oc_interrupt, 1);
  while (atomic_load(&s->oc_interrupt) && atomic_load(&s->oc_state) == CP_OC_RUNNING) {
    __cp_reset_reclaim();
    if (__cp_tgkill(pid, tid, __cp_reset_signal) < 0)
      break;
    struct timespec ts = __cp_timespec(CP_OC_RESIGNAL_NS);
    nanosleep(&ts, NULL);
  }
}

int __cp_on_cancel_interrupt(void *uc)
{
  struct cp_slot *s = __cp_registry_self();
  if (!s || cp_popping || !atomic_load(&s->oc_interrupt))
    return 0;
  if (!__cp_uc_fail_syscall(uc, EINTR))
    return 0;
  atomic_store(&s->oc_interrupt, 0);
  return 1;
}
