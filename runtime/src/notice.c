/* notice.c - the notice when a ^C has not landed: where is each thread.
 *
 * A request made by SIGINT that has not landed (no scope caught it, the
 * process did not exit) within 1 s gets one notice on stderr, written by the
 * canceller thread (its loop asks __cp_notice_due).  Each thread is asked
 * through its registry slot; its reset signal's handler answers with the
 * interrupted PC and what holds its requests (__cp_notice_answer), and
 * symbolize.c names the PC.  Each thread gets why the request has not
 * reached it, and the line ends with what the next ^C does (one line):
 *
 *   cancelpoints: SIGINT not delivered after 1 s: thread 1234 in read
 *   (blocked, in a call that is not a point), thread 1240 in spin (running
 *   code with no point: built without the plugin); ^C again for a hard
 *   request, a third time to end the process
 *
 * and, for a thread whose requests are held by a lock it took in
 * instrumented code (hold.c), where it took the first one:
 *
 *   ..., thread 1240 in work holds a lock taken in update_table (table.c:42)
 */
#include "hold.h"
#include "scope.h"
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CP_NOTICE_AFTER_NS    CP_NS_PER_S /* a ^C not landed after this */
#define CP_NOTICE_MAX_THREADS 256
#define CP_NOTICE_ANSWER_TRIES                                                                     \
  100 /* of 1 ms each: a thread with the signal                                                    \
         unblocked answers in far less */

static _Atomic unsigned cp_sig_sent, cp_sig_landed, cp_sig_noticed;
static _Atomic int64_t cp_sig_at;

void __cp_sigint_sent(void)
{
  atomic_store(&cp_sig_at, cp_now());
  atomic_fetch_add(&cp_sig_sent, 1);
}

void __cp_sigint_landed(void)
{
  atomic_store(&cp_sig_landed, atomic_load(&cp_sig_sent));
  atomic_store(&__cp_sigint_count, 0); /* the next ^C is a first one again */
}

/* The reset signal's handler: answer a "where are you". */
void __cp_notice_answer(void *uc)
{
  struct cp_slot *slot = __cp_registry_self();
  if (!slot || !atomic_load(&slot->where_ask))
    return;
  uintptr_t pc = __cp_uc_pc(uc);
  atomic_store(&slot->where_hold, __cp_hold_where());
  atomic_store(&slot->where_pc, pc ? pc : 1);
  atomic_store(&slot->where_ask, 0);
}

/* ---- where is each thread ------------------------------------------------ */

struct cp_where {
  int tids[CP_NOTICE_MAX_THREADS];
  struct cp_slot *slots[CP_NOTICE_MAX_THREADS];
  int n;
};

static void cp_collect(int tid, void *arg)
{
  struct cp_where *w = arg;
  if (!__cp_is_runtime_thread(tid) && w->n < CP_NOTICE_MAX_THREADS)
    w->tids[w->n++] = tid;
}

/* Is tid asleep in the kernel (state S or D in /proc)? */
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
  char name[CP_NAME_MAX];
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

/* Ask every thread where it is, and wait a little for the answers. */
static void cp_ask(struct cp_where *w)
{
  int pid = __cp_getpid();
  __cp_reset_reclaim();
  for (int i = 0; i < w->n; i++) {
    w->slots[i] = __cp_registry_find(w->tids[i]);
    if (w->slots[i]) {
      atomic_store(&w->slots[i]->where_pc, 0);
      atomic_store(&w->slots[i]->where_ask, 1);
      __cp_tgkill(pid, w->tids[i], __cp_reset_signal);
    }
  }
  for (int tries = 0; tries < CP_NOTICE_ANSWER_TRIES; tries++) {
    int missing = 0;
    for (int i = 0; i < w->n; i++)
      if (w->slots[i] && !atomic_load(&w->slots[i]->where_pc))
        missing = 1;
    if (!missing)
      break;
    struct timespec ts = {0, CP_NS_PER_MS};
    nanosleep(&ts, NULL);
  }
}

/* Where the thread is, and why the request has not reached it: it does not
 * answer (the reset signal is blocked there), something holds its requests
 * (hold.c), or it is in code with no point: a call that waits, or code
 * compiled without the plugin. */
static void cp_put_thread(struct cp_buf *b, int tid, struct cp_slot *slot, int first)
{
  char name[CP_NAME_MAX];
  uintptr_t pc = slot ? atomic_load(&slot->where_pc) : 0;
  uintptr_t hold = pc > 1 ? atomic_load(&slot->where_hold) : 0;
  __cp_buf_puts(b, first ? " thread " : ", thread ");
  __cp_buf_putu(b, (unsigned long)tid);
  if (pc <= 1) {
    __cp_buf_puts(b, " in ?? (not answering: it blocks the reset signal)");
  } else {
    cp_name(pc, name, sizeof name);
    __cp_buf_puts(b, " in ");
    __cp_buf_puts(b, name);
    if (hold)
      cp_put_hold(b, hold);
    else if (cp_blocked(tid))
      __cp_buf_puts(b, " (blocked, in a call that is not a point)");
    else
      __cp_buf_puts(b, " (running code with no point: built without the plugin)");
  }
  if (slot)
    atomic_store(&slot->where_ask, 0);
}

/* What the user can do next (sigint.c: the second ^C is a hard request,
 * the third ends the process). */
static void cp_put_next(struct cp_buf *b)
{
  unsigned n = atomic_load(&__cp_sigint_count);
  if (n == 1)
    __cp_buf_puts(b, "; ^C again for a hard request, a third time to end the process");
  else if (n == 2)
    __cp_buf_puts(b, "; ^C once more ends the process");
}

static struct cp_where cp_w;
static char cp_out[8192];

/* Where is every thread of the program's?  A thread that joined the target
 * after the ^C's broadcast has no slot to answer in: broadcast again (it
 * also sees the request then). */
static void cp_gather(void)
{
  __cp_broadcast(cp_is_root(__cp_sigint_target()));
  cp_w.n = 0;
  __cp_tasks(cp_collect, &cp_w);
  cp_ask(&cp_w);
}

static void cp_write_line(struct cp_buf *b)
{
  for (int i = 0; i < cp_w.n; i++)
    cp_put_thread(b, cp_w.tids[i], cp_w.slots[i], i == 0);
}

static void cp_notice(void)
{
  cp_gather();
  struct cp_buf b = {cp_out, sizeof cp_out - 2, 0};
  __cp_buf_puts(&b, "cancelpoints: SIGINT not delivered after 1 s:");
  cp_write_line(&b);
  cp_put_next(&b);
  cp_out[b.len++] = '\n';
  __cp_write_all(2, cp_out, b.len);
}

/* ---- the second ^C on the root ------------------------------------------- */

static _Atomic int cp_end_asked;

void __cp_sigint_second_on_root(void)
{
  atomic_store(&cp_end_asked, 1);
  __cp_canceller_wake();
}

/* May nothing hold the request?  Every thread answered, and none holds it
 * (a thread that does not answer may hold a lock). */
static int cp_none_holds(void)
{
  for (int i = 0; i < cp_w.n; i++)
    if (!cp_w.slots[i] || atomic_load(&cp_w.slots[i]->where_pc) <= 1 ||
        atomic_load(&cp_w.slots[i]->where_hold))
      return 0;
  return 1;
}

/* The first ^C's request has not landed on the root: no thread reached a
 * point.  Unless a thread holds it (a lock: it lands at the unlock) or may
 * (it does not answer), no
 * thread can be reached where it is, so nothing safe is reachable: the
 * process ends at once, with a line saying where each thread was, and
 * without exit handlers (a thread stuck in a library may hold the locks
 * they would take). */
static void cp_end_if_stuck(void)
{
  atomic_store(&cp_end_asked, 0);
  if (atomic_load(&cp_sig_sent) == atomic_load(&cp_sig_landed))
    return;
  cp_gather();
  if (!cp_none_holds() || atomic_load(&cp_sig_sent) == atomic_load(&cp_sig_landed))
    return;
  struct cp_buf b = {cp_out, sizeof cp_out - 2, 0};
  __cp_buf_puts(&b,
                "cancelpoints: cancelled by SIGINT (second ^C) at once, without exit handlers:");
  cp_write_line(&b);
  cp_out[b.len++] = '\n';
  __cp_write_all(2, cp_out, b.len);
  _exit(CP_EXIT_CANCELLED);
}

int __cp_notice_due(int64_t now, int64_t *next)
{
  if (atomic_load(&cp_end_asked))
    cp_end_if_stuck();
  unsigned sent = atomic_load(&cp_sig_sent);
  if (sent == atomic_load(&cp_sig_landed) || sent == atomic_load(&cp_sig_noticed))
    return 0;
  int64_t at = atomic_load(&cp_sig_at) + CP_NOTICE_AFTER_NS;
  if (now >= at) {
    atomic_store(&cp_sig_noticed, sent);
    cp_notice();
    return 1;
  }
  if (at < *next)
    *next = at;
  return 0;
}
