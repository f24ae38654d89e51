/* canceller.c - the runtime's canceller thread: deadlines, grace periods,
 * and the ^C notice's clock.
 *
 * One thread, all signals blocked, started by the first call of the scope
 * API that may need it (cp_scope_create, cp_scope_set_deadline,
 * cp_scope_set_grace, cp_sigint_target); never from a signal handler.  A
 * program that uses no scope has no thread of the runtime's: ^C needs none
 * (notice.c).  It sleeps in ppoll() on an eventfd until the earliest
 * deadline or grace expiry of any live scope, to the nanosecond and with a
 * timer slack of one; requests that need it (a graceful request, a new
 * deadline, a SIGINT) write the eventfd, which is async-signal-safe.  When
 * a time is reached the scope is marked hard (cause deadline or grace) and
 * the threads it reaches are signalled.
 * Threads also compare deadlines with the clock themselves at every
 * judgement, so the canceller only has to wake those that are not looking.
 */
#include "scope.h"
#include <poll.h>
#include <sys/prctl.h>
#include <sys/eventfd.h>
#include <unistd.h>

#define CP_CANCELLER_STACK (256 * 1024)
#define CP_MAX_SLEEP_NS    (1000 * CP_NS_PER_S) /* the longest single ppoll() */

static int cp_efd = -1;
static _Atomic int cp_started;

void __cp_canceller_wake(void)
{
  int fd = cp_efd;
  if (fd >= 0) {
    uint64_t one = 1;
    ssize_t r = write(fd, &one, sizeof one);
    (void)r;
  }
}

/* Returns 1 if s reached a time (marked hard, by this thread or by a
 * thread's judgement) whose threads were not signalled yet; else lowers
 * *next. */
static int cp_due(struct cp_scope *s, int64_t now, int64_t *next)
{
  int64_t n = now;
  if (__cp_scope_hard(s, &n))
    return (atomic_fetch_and(&s->request, ~CP_REQ_TIMED) & CP_REQ_TIMED) != 0;
  int64_t d = atomic_load(&s->deadline);
  if (d < *next)
    *next = d;
  if (cp_scope_graceful(s)) {
    int64_t h = atomic_load(&s->hard_at);
    if (h < *next)
      *next = h;
  }
  return 0;
}

/* Marks what is due; signals the threads it reaches.  The earliest time
 * still ahead lowers *next. */
static void cp_fire_due(int64_t now, int64_t *next)
{
  int root = 0, other = 0;
  pthread_mutex_lock(&__cp_scopes_mu);
  for (struct cp_scope *s = &__cp_root; s; s = s->next)
    if (cp_due(s, now, next))
      *(cp_is_root(s) ? &root : &other) = 1;
  pthread_mutex_unlock(&__cp_scopes_mu);
  if (root || other)
    __cp_broadcast(root);
}

/* How long to sleep until next: NULL for ever; nanoseconds, not poll()'s
 * whole milliseconds (a deadline 100 us away is due in 100 us). */
static struct timespec *cp_sleep_for(int64_t next, struct timespec *ts)
{
  if (next == INT64_MAX)
    return NULL;
  int64_t d = next - cp_now();
  if (d < 0)
    d = 0;
  if (d > CP_MAX_SLEEP_NS)
    d = CP_MAX_SLEEP_NS;
  ts->tv_sec = d / CP_NS_PER_S;
  ts->tv_nsec = d % CP_NS_PER_S;
  return ts;
}

static void *cp_canceller_main(void *arg)
{
  (void)arg;
  prctl(PR_SET_TIMERSLACK, 1UL); /* wake at the deadline, not up to 50 us after */
  for (;;) {
    int64_t now = cp_now(), next = INT64_MAX;
    cp_fire_due(now, &next);
    struct pollfd p = {cp_efd, POLLIN, 0};
    struct timespec ts;
    if (ppoll(&p, 1, cp_sleep_for(next, &ts), NULL) > 0) {
      uint64_t v;
      ssize_t r = read(cp_efd, &v, sizeof v);
      (void)r;
    }
  }
  return NULL;
}

void __cp_canceller_start(void)
{
  int z = 0;
  if (!atomic_compare_exchange_strong(&cp_started, &z, 1))
    return;
  int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (fd < 0) {
    __cp_msg("cannot create the canceller's eventfd; deadlines and grace periods are off", NULL,
             NULL, NULL);
    return;
  }
  cp_efd = fd;
  if (__cp_spawn(cp_canceller_main, CP_CANCELLER_STACK, "cp-canceller") != 0)
    __cp_msg("cannot start the canceller thread; deadlines and grace periods are off", NULL, NULL,
             NULL);
}

/* In the child of fork: the thread is not there; the next scope call (in
 * normal context) starts a new one. */
void __cp_canceller_fork_child(void)
{
  if (cp_efd >= 0)
    close(cp_efd);
  cp_efd = -1;
  atomic_store(&cp_started, 0);
}
