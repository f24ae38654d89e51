/* canceller.c - the runtime's canceller thread: deadlines, grace periods,
 * and the notice when a SIGINT has not landed.
 *
 * One thread, all signals blocked, started when the runtime installs its
 * SIGINT handler (sigint.c), else by the first call of the scope API that
 * may need it (cp_scope_create, cp_scope_set_grace, cp_sigint_target); never
 * from a signal handler.  With CANCELPOINTS_SIGINT=off and no scopes the
 * process has no thread of the runtime's.  It sleeps in poll() on an eventfd until the
 * earliest deadline or grace expiry of any live scope; requests that need it
 * (a graceful request, a new deadline, a SIGINT) write the eventfd, which is
 * async-signal-safe.  When a time is reached it marks the scope hard (cause
 * deadline or grace) and broadcasts, so every thread re-evaluates.  Threads
 * also compare deadlines with the clock themselves at every evaluation, so
 * the canceller only has to wake those that are not looking.
 *
 * A SIGINT whose request has not landed (no scope caught it, the process did
 * not exit) within 1 s gets one notice on stderr naming where each thread
 * is: each thread's reset-signal handler records its interrupted PC, and
 * libunwind names it:
 *   cancelpoints: SIGINT not delivered after 1 s: thread 1234 in read (blocked), thread 1240 in spin
 * and, for a thread whose requests are held by a lock it took in
 * instrumented code (hold.c), where it took the first one:
 *   ..., thread 1240 in work holds a lock taken in update_table (table.c:42)
 */
#include "internal.h"
#include "cancelpoints.h"
#include "scope.h"
#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <unistd.h>
#define UNW_LOCAL_ONLY
#include <libunwind.h>

static int cp_efd = -1;
static _Atomic int cp_started;
static int cp_self_tid;

static _Atomic unsigned cp_sig_sent, cp_sig_landed, cp_sig_noticed;
static _Atomic int64_t cp_sig_at;

void __cp_canceller_wake(void)
{
  int fd = cp_efd;
  if (fd >= 0) {
    uint64_t one = 1;
    ssize_t r = write(fd, &one, sizeof one);
    (void)r;
  }
}

void __cp_sigint_sent(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  atomic_store(&cp_sig_at, (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
  atomic_fetch_add(&cp_sig_sent, 1);
  __cp_canceller_wake();
}

void __cp_sigint_landed(void)
{
  atomic_store(&cp_sig_landed, atomic_load(&cp_sig_sent));
  atomic_store(&__cp_sigint_count, 0); /* the next ^C is a first one again */
}

/* ---- where is each thread ------------------------------------------------ */

struct cp_where {
  int tids[256];
  int n;
};

static void cp_collect(int tid, void *arg)
{
  struct cp_where *w = arg;
  if (tid != cp_self_tid && tid != __cp_chaos_tid && w->n < 256)
    w->tids[w->n++] = tid;
}

static int cp_blocked(int tid)
{
  char path[64], buf[256];
  struct cp_buf b = {path, sizeof path - 1, 0};
  __cp_buf_puts(&b, "/proc/self/task/");
  __cp_buf_putu(&b, (unsigned long)tid);
  __cp_buf_puts(&b, "/stat");
  path[b.len] = 0;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 0;
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0)
    return 0;
  buf[n] = 0;
  char *p = strrchr(buf, ')');
  return p && p[1] == ' ' && (p[2] == 'S' || p[2] == 'D');
}

static void cp_name(uintptr_t pc, char *name, size_t n)
{
  if (!__cp_symbolize(pc, 0, name, n))
    strncpy(name, "??", n);
}

/* Why a thread's requests wait (hold.c's __cp_hold_where): the site of the
 * first lock it holds (from the pass), or the return address of the call
 * that took it (a wait's mutex), or an explicit hold. */
static void cp_put_hold(struct cp_buf *b, uintptr_t w)
{
  char name[256];
  if (!w)
    return;
  if (w == 1) {
    __cp_buf_puts(b, " holds requests (cp_hold, a signal handler or a libc callback)");
    return;
  }
  __cp_buf_puts(b, " holds a lock taken in ");
  if (w & 1) {
    cp_name(w & ~(uintptr_t)1, name, sizeof name);
    __cp_buf_puts(b, name);
    return;
  }
  const struct cp_site *s = (const struct cp_site *)w;
  __cp_buf_puts(b, s->function && *s->function ? s->function : "??");
  if (s->file && *s->file) {
    const char *base = strrchr(s->file, '/');
    __cp_buf_puts(b, " (");
    __cp_buf_puts(b, base ? base + 1 : s->file);
    if (s->line) {
      __cp_buf_puts(b, ":");
      __cp_buf_putu(b, s->line);
    }
    __cp_buf_puts(b, ")");
  }
}

static void cp_notice(void)
{
  static struct cp_where w;
  static char out[8192];
  /* A thread that joined the target after the ^C's broadcast has no slot
   * to answer in: broadcast again (it also sees the request then). */
  struct cp_scope *t = atomic_load(&__cp_sigint_scope);
  if (t && t != &__cp_root)
    __cp_broadcast_scoped();
  else
    __cp_broadcast();
  w.n = 0;
  __cp_tasks(cp_collect, &w);
  struct cp_slot *slots[256];
  int pid = __cp_getpid();
  for (int i = 0; i < w.n; i++) {
    slots[i] = __cp_slot_find(w.tids[i]);
    if (slots[i]) {
      atomic_store(&slots[i]->where_pc, 0);
      atomic_store(&slots[i]->where_ask, 1);
      __cp_tgkill(pid, w.tids[i], __cp_reset_signal);
    }
  }
  /* Answers come from the handlers; 100 ms is plenty for a thread that
   * has the signal unblocked. */
  for (int tries = 0; tries < 100; tries++) {
    int missing = 0;
    for (int i = 0; i < w.n; i++)
      if (slots[i] && !atomic_load(&slots[i]->where_pc))
        missing = 1;
    if (!missing)
      break;
    struct timespec ts = {0, 1000000};
    nanosleep(&ts, NULL);
  }
  struct cp_buf b = {out, sizeof out - 2, 0};
  __cp_buf_puts(&b, "cancelpoints: SIGINT not delivered after 1 s:");
  for (int i = 0; i < w.n; i++) {
    char name[256];
    uintptr_t pc = slots[i] ? atomic_load(&slots[i]->where_pc) : 0;
    __cp_buf_puts(&b, i ? ", thread " : " thread ");
    __cp_buf_putu(&b, (unsigned long)w.tids[i]);
    if (pc > 1) {
      cp_name(pc, name, sizeof name);
      __cp_buf_puts(&b, " in ");
      __cp_buf_puts(&b, name);
    } else {
      __cp_buf_puts(&b, " in ?? (not answering)");
    }
    if (cp_blocked(w.tids[i]))
      __cp_buf_puts(&b, " (blocked)");
    if (pc > 1 && slots[i])
      cp_put_hold(&b, atomic_load(&slots[i]->where_hold));
    if (slots[i])
      atomic_store(&slots[i]->where_ask, 0);
  }
  out[b.len++] = '\n';
  __cp_write_all(2, out, b.len);
}

/* ---- the loop ------------------------------------------------------------ */

/* Returns 1 if s reached a time now (marked hard); else lowers *next. */
static int cp_due(struct cp_scope *s, int64_t now, int64_t *next)
{
  int64_t n = now;
  if (s == &__cp_root) {
    uint32_t r = atomic_load(&__cp_req_process);
    if (!(r & CP_REQ_GRACEFUL) || (r & CP_REQ_HARD))
      return 0;
  } else if (atomic_load(&s->flags) & CP_SF_HARD) {
    return 0;
  }
  if (__cp_scope_hard(s, &n))
    return 1;
  int64_t d = s == &__cp_root ? INT64_MAX : atomic_load(&s->deadline);
  if (d < *next)
    *next = d;
  if (__cp_scope_graceful(s)) {
    int64_t h = atomic_load(&s->hard_at);
    if (h < *next)
      *next = h;
  }
  return 0;
}

static void *cp_canceller_main(void *arg)
{
  (void)arg;
  cp_self_tid = __cp_gettid();
  for (;;) {
    int64_t now = cp_now(), next = INT64_MAX;
    int fired = 0;
    pthread_mutex_lock(&__cp_scopes_mu);
    for (struct cp_scope *s = __cp_scopes; s; s = s->next)
      fired |= cp_due(s, now, &next);
    pthread_mutex_unlock(&__cp_scopes_mu);
    if (cp_due(&__cp_root, now, &next))
      __cp_broadcast();
    else if (fired)
      __cp_broadcast_scoped();
    unsigned sent = atomic_load(&cp_sig_sent);
    if (sent != atomic_load(&cp_sig_landed) && sent != atomic_load(&cp_sig_noticed)) {
      int64_t at = atomic_load(&cp_sig_at) + 1000000000LL;
      if (now >= at) {
        atomic_store(&cp_sig_noticed, sent);
        cp_notice();
        continue;
      }
      if (at < next)
        next = at;
    }
    int ms = -1;
    if (next != INT64_MAX) {
      int64_t d = next - cp_now();
      ms = d <= 0 ? 0 : (int)((d + 999999) / 1000000);
      if (d > 0 && ms > 1000000)
        ms = 1000000;
    }
    struct pollfd p = {cp_efd, POLLIN, 0};
    if (poll(&p, 1, ms) > 0) {
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
    __cp_msg("cannot create the canceller's eventfd; deadlines and grace periods are off", NULL, NULL,
             NULL);
    return;
  }
  cp_efd = fd;
  if (__cp_spawn(cp_canceller_main, 256 * 1024, "cp-canceller") != 0)
    __cp_msg("cannot start the canceller thread; deadlines and grace periods are off", NULL, NULL, NULL);
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
