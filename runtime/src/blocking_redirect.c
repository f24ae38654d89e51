/* blocking_redirect.c - __cp_i_<name> for the CP_REDIRECT_BLOCKING rows of
 * CP_REDIRECTS (cancelpoints_abi.h): what the pass redirects plain libc
 * blocking calls of instrumented code to.
 *
 * Each has the prototype of the libc function it stands for and behaves as
 * the cp_ version, except that a request makes it deliver like an implicit
 * point (__cp_deliver: to the catching scope, or the root's report and
 * exit(130)) instead of returning -1/ECANCELED, so unmodified code blocked
 * in sleep() or read() is cancelled too.  The report names the caller.
 * Results and errors otherwise as libc's (pthread_cond_wait's error number,
 * sleep's seconds left).
 */
#include "blocking.h"
#include "cancelpoints.h"
#include "hold.h"
#include "redirect.h"
#include <errno.h>
#include <sys/syscall.h>

/* Deliver if cancelled, else libc's -1/errno convention. */
#define CP_DELIVER_OR(r)                                                                           \
  do {                                                                                             \
    if ((r) == CP_CANCELLED)                                                                       \
      __cp_deliver_now(NULL, __builtin_return_address(0));                                         \
  } while (0)

#define CP_I_SYS(nr, a1, a2, a3, a4, a5, a6)                                                       \
  long r =                                                                                         \
      __cp_sys(0, nr, (long)(a1), (long)(a2), (long)(a3), (long)(a4), (long)(a5), (long)(a6));     \
  CP_DELIVER_OR(r);                                                                                \
  return __cp_errno_ret(r)

ssize_t CP_I(read)(int fd, void *buf, size_t n) { CP_I_SYS(SYS_read, fd, buf, n, 0, 0, 0); }
ssize_t CP_I(write)(int fd, const void *buf, size_t n) { CP_I_SYS(SYS_write, fd, buf, n, 0, 0, 0); }
ssize_t CP_I(recv)(int fd, void *buf, size_t n, int flags)
{
  CP_I_SYS(SYS_recvfrom, fd, buf, n, flags, 0, 0);
}
ssize_t CP_I(send)(int fd, const void *buf, size_t n, int flags)
{
  CP_I_SYS(SYS_sendto, fd, buf, n, flags, 0, 0);
}
int CP_I(accept)(int fd, struct sockaddr *addr, socklen_t *len)
{
#ifdef SYS_accept
  CP_I_SYS(SYS_accept, fd, addr, len, 0, 0, 0);
#else
  CP_I_SYS(SYS_accept4, fd, addr, len, 0, 0, 0);
#endif
}
int CP_I(connect)(int fd, const struct sockaddr *addr, socklen_t len)
{
  CP_I_SYS(SYS_connect, fd, addr, len, 0, 0, 0);
}
pid_t CP_I(waitpid)(pid_t pid, int *status, int options)
{
  CP_I_SYS(SYS_wait4, pid, status, options, 0, 0, 0);
}

int CP_I(poll)(struct pollfd *fds, nfds_t nfds, int timeout_ms)
{
  long r = __cp_poll_op(fds, nfds, timeout_ms);
  CP_DELIVER_OR(r);
  return (int)__cp_errno_ret(r);
}

int CP_I(select)(int n, void *rs, void *ws, void *es, void *tv)
{
  long r = __cp_select_op(n, rs, ws, es, tv);
  CP_DELIVER_OR(r);
  return (int)__cp_errno_ret(r);
}

int CP_I(nanosleep)(const struct timespec *req, struct timespec *rem)
{
  long r = __cp_nanosleep_op(req, rem);
  CP_DELIVER_OR(r);
  return (int)__cp_errno_ret(r);
}

unsigned CP_I(sleep)(unsigned seconds)
{
  int64_t deadline = cp_now() + (int64_t)seconds * CP_NS_PER_S;
  long r = __cp_sleep_until_op(deadline);
  CP_DELIVER_OR(r);
  if (r == -EINTR) { /* a foreign signal: the seconds left, rounded up */
    int64_t left = deadline - cp_now();
    return left <= 0 ? 0 : (unsigned)((left + CP_NS_PER_S - 1) / CP_NS_PER_S);
  }
  return 0;
}

int CP_I(usleep)(useconds_t us)
{
  long r = __cp_sleep_until_op(cp_now() + (int64_t)us * CP_NS_PER_US);
  CP_DELIVER_OR(r);
  return (int)__cp_errno_ret(r);
}

/* A wait releases its mutex while it waits, so the mutex's own hold is
 * lifted for the wait (hold.c); other locks still hold requests.  The
 * mutex it re-acquires counts as held (recorded now if it was taken
 * elsewhere).  A cancelled wait has re-acquired it: if a cleanup covers
 * it, delivery runs the cleanup, which unlocks it; else the runtime
 * unlocks it before leaving, so the thread leaves as it stood while it
 * waited, never holding it. */
static int cp_cond(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *t, void *ret)
{
  struct cp_lift l;
  const void *site = (const void *)((uintptr_t)ret | 1);
  __cp_held_lift(m, &l);
  long r = __cp_cond_wait_op(c, m, t);
  __cp_held_restore(m, &l, 1, site);
  if (r != CP_CANCELLED)
    return (int)r;
  if (!__cp_held_covered(m)) {
    __cp_held_pop(m);
    pthread_mutex_unlock(m);
  }
  __cp_poll_from(NULL, ret); /* delivers if a request applies */
  if (!__cp_held_has(m)) {   /* nothing applies now after all: as it was */
    pthread_mutex_lock(m);
    __cp_held_restore(m, &l, 1, site);
  }
  return 0;
}

int CP_I(pthread_cond_wait)(pthread_cond_t *c, pthread_mutex_t *m)
{
  return cp_cond(c, m, NULL, __builtin_return_address(0));
}

int CP_I(pthread_cond_timedwait)(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *t)
{
  return cp_cond(c, m, t, __builtin_return_address(0));
}

int CP_I(sem_wait)(sem_t *s)
{
  long r = __cp_sem_wait_op(s);
  CP_DELIVER_OR(r);
  return (int)__cp_errno_ret(-r);
}

/* _FORTIFY_SOURCE variants (glibc >= 2.40 emits them for clang too). */
extern void __chk_fail(void) __attribute__((noreturn));

ssize_t CP_I(__read_chk)(int fd, void *buf, size_t n, size_t buflen)
{
  if (n > buflen)
    __chk_fail();
  CP_I_SYS(SYS_read, fd, buf, n, 0, 0, 0);
}

ssize_t CP_I(__recv_chk)(int fd, void *buf, size_t n, size_t buflen, int flags)
{
  if (n > buflen)
    __chk_fail();
  CP_I_SYS(SYS_recvfrom, fd, buf, n, flags, 0, 0);
}

int CP_I(__poll_chk)(struct pollfd *fds, nfds_t nfds, int timeout_ms, size_t fdslen)
{
  if (fdslen / sizeof(*fds) < nfds)
    __chk_fail();
  long r = __cp_poll_op(fds, nfds, timeout_ms);
  CP_DELIVER_OR(r);
  return (int)__cp_errno_ret(r);
}
