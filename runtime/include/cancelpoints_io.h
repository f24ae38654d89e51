/* cancelpoints_io.h - cancellable blocking calls (included by
 * <cancelpoints.h>).
 *
 * Each has the signature of what it wraps and is an explicit point: when a
 * request that applies to the calling thread (as for cp_check) arrives
 * before or while it waits, it returns -1 with errno ECANCELED and the
 * operation had no effect: nothing read, written, sent, received,
 * accepted, reaped.  A call that completed returns its result even if a
 * request came right after (a partial read or write returns its count; the
 * next call sees the request).  No request is lost between the check and
 * the sleep.  Otherwise results and errors are libc's, with two
 * differences: the reset signal of cancelpoints never makes them fail with
 * EINTR or return early (a foreign signal still does, as in libc), and
 * cp_cond_wait, cp_cond_timedwait return -1 and set errno (ETIMEDOUT...)
 * instead of returning the error number.  Times: timeouts are measured on
 * CLOCK_MONOTONIC, cp_now()'s clock.
 *
 * cp_connect: a blocking connect that a request ends while it waits for the
 * handshake has already sent its SYN; the kernel completes or fails the
 * handshake in the background and the socket is left connecting: close it.
 * cp_cond_wait: returns with the mutex locked, ECANCELED or not; other
 * waiters of the condition may see a spurious wake-up.
 *
 * In code built by the pass (cpcc), plain calls to read, write, recv, send,
 * accept, connect, poll, select, nanosleep, sleep, usleep,
 * pthread_cond_wait, pthread_cond_timedwait, sem_wait and waitpid are
 * redirected to versions of these that deliver like an implicit point.
 */
#ifndef CANCELPOINTS_IO_H
#define CANCELPOINTS_IO_H

#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

ssize_t cp_read(int fd, void *buf, size_t n);
ssize_t cp_write(int fd, const void *buf, size_t n);
ssize_t cp_recv(int fd, void *buf, size_t n, int flags);
ssize_t cp_send(int fd, const void *buf, size_t n, int flags);
int cp_accept(int fd, struct sockaddr *addr, socklen_t *len);
int cp_connect(int fd, const struct sockaddr *addr, socklen_t len);
int cp_poll(struct pollfd *fds, nfds_t nfds, int timeout_ms);
int cp_select(int nfds, fd_set *rs, fd_set *ws, fd_set *es, struct timeval *timeout);
int cp_nanosleep(const struct timespec *req, struct timespec *rem);
/* Sleeps until cp_now() >= deadline_ns: 0, or -1 with ECANCELED (EINTR for
 * a foreign signal's handler). */
int cp_sleep_until(int64_t deadline_ns);
int cp_cond_wait(pthread_cond_t *cond, pthread_mutex_t *mutex);
int cp_cond_timedwait(pthread_cond_t *cond, pthread_mutex_t *mutex, const struct timespec *abstime);
int cp_sem_wait(sem_t *sem);
pid_t cp_waitpid(pid_t pid, int *status, int options);

#ifdef __cplusplus
}
#endif

#endif
