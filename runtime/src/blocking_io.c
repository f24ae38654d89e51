/* blocking_io.c - the cancellable syscalls: cp_read ... cp_waitpid,
 * cp_poll, cp_select, cp_nanosleep, cp_sleep_until.
 *
 * Each is one __cp_sys (blocking.c) with the raw syscall libc would make;
 * the timed ones keep an absolute CLOCK_MONOTONIC deadline and recompute
 * what is left when a signal of ours interrupted them, so a reset signal
 * (a request that does not apply, chaos mode) never shortens nor
 * lengthens a wait.  Results: -1/ECANCELED when a request that applies
 * arrived before or while the call waited, and then it had no effect
 * (nothing read, written, accepted, reaped); otherwise what libc returns.
 *
 * cp_connect: "no effect" holds if the request arrives before the kernel
 * took the call.  A blocking TCP connect interrupted while it waits for the
 * handshake has already sent its SYN; the kernel goes on with the
 * handshake after ECANCELED, and the socket is left connecting: close it.
 */
#include "blocking.h"
#include "cancelpoints.h"
#include <errno.h>
#include <poll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <time.h>

/* ppoll's sigsetsize (the kernel's sigset_t; unused without a mask). */
#define CP_KERNEL_SIGSET_SIZE 8

static int64_t cp_deadline_after(int64_t ns)
{
  int64_t now = cp_now();
  return ns > INT64_MAX - now ? INT64_MAX : now + ns;
}

CP_EXPORT ssize_t cp_read(int fd, void *buf, size_t n)
{
  return __cp_ret(__cp_sys(0, SYS_read, fd, (long)buf, (long)n, 0, 0, 0));
}

CP_EXPORT ssize_t cp_write(int fd, const void *buf, size_t n)
{
  return __cp_ret(__cp_sys(0, SYS_write, fd, (long)buf, (long)n, 0, 0, 0));
}

CP_EXPORT ssize_t cp_recv(int fd, void *buf, size_t n, int flags)
{
  return __cp_ret(__cp_sys(0, SYS_recvfrom, fd, (long)buf, (long)n, flags, 0, 0));
}

CP_EXPORT ssize_t cp_send(int fd, const void *buf, size_t n, int flags)
{
  return __cp_ret(__cp_sys(0, SYS_sendto, fd, (long)buf, (long)n, flags, 0, 0));
}

CP_EXPORT int cp_accept(int fd, struct sockaddr *addr, socklen_t *len)
{
#ifdef SYS_accept
  return (int)__cp_ret(__cp_sys(0, SYS_accept, fd, (long)addr, (long)len, 0, 0, 0));
#else
  return (int)__cp_ret(__cp_sys(0, SYS_accept4, fd, (long)addr, (long)len, 0, 0, 0));
#endif
}

CP_EXPORT int cp_connect(int fd, const struct sockaddr *addr, socklen_t len)
{
  return (int)__cp_ret(__cp_sys(0, SYS_connect, fd, (long)addr, (long)len, 0, 0, 0));
}

CP_EXPORT pid_t cp_waitpid(pid_t pid, int *status, int options)
{
  return (pid_t)__cp_ret(__cp_sys(0, SYS_wait4, pid, (long)status, options, 0, 0, 0));
}

/* ---- timed ---- */

long __cp_sleep_until_op(int64_t deadline_ns)
{
  struct timespec ts = __cp_timespec(deadline_ns);
  for (;;) {
    long r = __cp_sys(1, SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, (long)&ts, 0, 0, 0);
    if (r != CP_AGAIN)
      return r;
  }
}

CP_EXPORT int cp_sleep_until(int64_t deadline_ns)
{
  return (int)__cp_ret(__cp_sleep_until_op(deadline_ns));
}

long __cp_nanosleep_op(const struct timespec *req, struct timespec *rem)
{
  if (!req)
    return -EFAULT;
  if (req->tv_sec < 0 || req->tv_nsec < 0 || req->tv_nsec >= CP_NS_PER_S)
    return -EINVAL;
  int64_t d = req->tv_sec > (INT64_MAX / CP_NS_PER_S) - 1
                  ? INT64_MAX
                  : (int64_t)req->tv_sec * CP_NS_PER_S + req->tv_nsec;
  int64_t deadline = cp_deadline_after(d);
  long r = __cp_sleep_until_op(deadline);
  if (r == -EINTR && rem)
    *rem = __cp_timespec(deadline - cp_now());
  return r;
}

CP_EXPORT int cp_nanosleep(const struct timespec *req, struct timespec *rem)
{
  return (int)__cp_ret(__cp_nanosleep_op(req, rem));
}

long __cp_poll_op(void *fds, unsigned long nfds, int timeout_ms)
{
  int64_t deadline = timeout_ms < 0 ? -1 : cp_deadline_after((int64_t)timeout_ms * CP_NS_PER_MS);
  for (;;) {
    struct timespec ts, *tsp = NULL;
    if (deadline >= 0) {
      ts = __cp_timespec(deadline - cp_now());
      tsp = &ts;
    }
    long r = __cp_sys(1, SYS_ppoll, (long)fds, (long)nfds, (long)tsp, 0, CP_KERNEL_SIGSET_SIZE, 0);
    if (r != CP_AGAIN)
      return r;
  }
}

CP_EXPORT int cp_poll(struct pollfd *fds, nfds_t nfds, int timeout_ms)
{
  return (int)__cp_ret(__cp_poll_op(fds, nfds, timeout_ms));
}

long __cp_select_op(int n, void *rs, void *ws, void *es, void *tvp)
{
  struct timeval *tv = tvp;
  int64_t deadline = -1;
  if (tv) {
    if (tv->tv_sec < 0 || tv->tv_usec < 0)
      return -EINVAL;
    deadline =
        cp_deadline_after((int64_t)tv->tv_sec * CP_NS_PER_S + (int64_t)tv->tv_usec * CP_NS_PER_US);
  }
  for (;;) {
    struct timespec ts, *tsp = NULL;
    if (tv) {
      ts = __cp_timespec(deadline - cp_now());
      tsp = &ts;
    }
    long r = __cp_sys(1, SYS_pselect6, n, (long)rs, (long)ws, (long)es, (long)tsp, 0);
    if (r == CP_AGAIN)
      continue;
    if (tv && r != CP_CANCELLED) { /* Linux select: the time left */
      int64_t left = deadline - cp_now();
      if (left < 0 || r == 0)
        left = 0;
      tv->tv_sec = (time_t)(left / CP_NS_PER_S);
      tv->tv_usec = (suseconds_t)((left % CP_NS_PER_S) / CP_NS_PER_US);
    }
    return r;
  }
}

CP_EXPORT int cp_select(int n, fd_set *rs, fd_set *ws, fd_set *es, struct timeval *tv)
{
  return (int)__cp_ret(__cp_select_op(n, rs, ws, es, tv));
}
