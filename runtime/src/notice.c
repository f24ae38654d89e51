/* notice.c - the notice when a ^C has not landed: where is each thread.
 *
 * A request made by SIGINT that has not landed (no scope caught it, the
 * process did not exit) within 1 s gets one notice on stderr.  Its clock is
 * a POSIX timer (created with the SIGINT handler, armed by it) whose expiry
 * is a reset signal tagged with the timer: the reset handler of whichever
 * thread takes it writes the notice (__cp_notice_on_signal).  So the
 * runtime starts no thread for ^C: an exit needs no other thread to be
 * scheduled, and a notice needs no thread that is not stuck, since a
 * signal handler runs even in a loop of code that is not instrumented.
 * Under ThreadSanitizer the timer's signal goes to the runtime's SIGINT
 * waiter instead (sigint.c), which writes the notice in normal context.
 * Each thread is asked through its registry slot; its reset signal's
 * handler answers with the interrupted PC and what holds its requests
 * (__cp_notice_answer), and symbolize.c names the PC.  Each thread gets
 * why the request has not reached it, and the line ends with what the
 * next ^C does (one line):
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
 *
 * Everything here is async-signal-safe.
 */
#include "hold.h"
#include "scope.h"
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <sys/auxv.h>
#include <unistd.h>
#define UNW_LOCAL_ONLY
#include <libunwind.h>

#define CP_NOTICE_AFTER_NS    CP_NS_PER_S /* a ^C not landed after this */
#define CP_NOTICE_MAX_THREADS 256
#define CP_NOTICE_ANSWER_TRIES                                                                     \
  100 /* of 1 ms each: a thread with the signal                                                    \
         unblocked answers in far less */

static _Atomic unsigned cp_sig_sent, cp_sig_landed, cp_sig_noticed;
static _Atomic int64_t cp_sig_at;
static timer_t cp_timer;
static int cp_timer_ok;

/* The clock; tid: the thread its expiry goes to (0: the process). */
void __cp_notice_install(int tid)
{
  struct sigevent ev;
  memset(&ev, 0, sizeof ev);
  ev.sigev_notify = tid ? SIGEV_THREAD_ID : SIGEV_SIGNAL;
  ev.sigev_signo = __cp_reset_signal;
  ev.sigev_value.sival_ptr = &cp_timer;
  ev._sigev_un._tid = tid;
  cp_timer_ok = timer_create(CLOCK_MONOTONIC, &ev, &cp_timer) == 0;
}

/* The child of fork has no timers. */
void __cp_notice_fork_child(int tid)
{
  if (cp_timer_ok)
    __cp_notice_install(tid);
}

static void cp_arm(int64_t ns)
{
  struct itimerspec it;
  memset(&it, 0, sizeof it);
  it.it_value.tv_sec = ns / CP_NS_PER_S;
  it.it_value.tv_nsec = ns % CP_NS_PER_S;
  if (cp_timer_ok)
    timer_settime(cp_timer, 0, &it, NULL);
}

void __cp_sigint_sent(void)
{
  atomic_store(&cp_sig_at, cp_now());
  atomic_fetch_add(&cp_sig_sent, 1);
  cp_arm(CP_NOTICE_AFTER_NS);
}

void __cp_sigint_landed(void)
{
  atomic_store(&cp_sig_landed, atomic_load(&cp_sig_sent));
  atomic_store(&__cp_sigint_count, 0); /* the next ^C is a first one again */
}

/* For a thread interrupted in a library: the nearest caller in the
 * program (built with the plugin), whose function called into the library
 * (libunwind's local unwinding, which is signal-safe, from the signal's
 * context).  0 when the PC is in the program or no frame is. */
#define CP_WHERE_MAX_FRAMES 32
static uintptr_t cp_caller_in_program(void *uc, uintptr_t pc)
{
  unw_cursor_t c;
  unw_word_t ip;
  uintptr_t program = __cp_object_base((uintptr_t)getauxval(AT_ENTRY));
  if (!program || __cp_object_base(pc) == program ||
      unw_init_local2(&c, (unw_context_t *)uc, UNW_INIT_SIGNAL_FRAME) != 0)
    return 0;
  for (int i = 0; i < CP_WHERE_MAX_FRAMES && unw_step(&c) > 0; i++)
    if (unw_get_reg(&c, UNW_REG_IP, &ip) == 0 && ip && __cp_object_base(ip - 1) == program)
      return (uintptr_t)ip;
  return 0;
}

/* The reset signal's handler: answer a "where are you". */
void __cp_notice_answer(void *uc)
{
  struct cp_slot *slot = __cp_registry_self();
  if (!slot || !atomic_load(&slot->where_ask))
    return;
  uintptr_t pc = __cp_uc_pc(uc);
  atomic_store(&slot->where_from, pc ? cp_caller_in_program(uc, pc) : 0);
  atomic_store(&slot->where_hold, __cp_hold_where());
  atomic_store(&slot->where_armed, __cp_tls.armed != NULL);
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

/* Ask every thread where it is, and wait a little for the answers.  The
 * thread asking answers for itself from its interrupted context uc (its
 * reset signal is blocked while it asks). */
static void cp_ask(struct cp_where *w, void *uc)
{
  int pid = __cp_getpid(), self = __cp_gettid();
  __cp_reset_reclaim();
  for (int i = 0; i < w->n; i++) {
    w->slots[i] = __cp_registry_find(w->tids[i]);
    if (w->slots[i]) {
      atomic_store(&w->slots[i]->where_pc, 0);
      atomic_store(&w->slots[i]->where_ask, 1);
      if (w->tids[i] != self)
        __cp_tgkill(pid, w->tids[i], __cp_reset_signal);
      else if (uc)
        __cp_notice_answer(uc);
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
    uintptr_t from = atomic_load(&slot->where_from);
    if (from && __cp_symbolize(from - 1, 0, name, sizeof name)) {
      __cp_buf_puts(b, " called from ");
      __cp_buf_puts(b, name);
    }
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
static void cp_gather(void *uc)
{
  __cp_broadcast(cp_is_root(__cp_sigint_target()));
  cp_w.n = 0;
  __cp_tasks(cp_collect, &cp_w);
  cp_ask(&cp_w, uc);
}

static void cp_write_line(struct cp_buf *b)
{
  for (int i = 0; i < cp_w.n; i++)
    cp_put_thread(b, cp_w.tids[i], cp_w.slots[i], i == 0);
}

static void cp_notice(void *uc)
{
  cp_gather(uc);
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
  cp_arm(1); /* now, from the reset signal's handler */
}

/* May nothing hold or still take the request?  Every thread answered, none
 * holds it (a thread that does not answer may hold a lock), and none is in
 * a reset region (its reset takes it to a point). */
static int cp_none_holds(void)
{
  for (int i = 0; i < cp_w.n; i++)
    if (!cp_w.slots[i] || atomic_load(&cp_w.slots[i]->where_pc) <= 1 ||
        atomic_load(&cp_w.slots[i]->where_hold) ||
        atomic_load(&cp_w.slots[i]->where_armed))
      return 0;
  return 1;
}

/* The first ^C's request has not landed on the root: no thread reached a
 * point.  Unless a thread holds it (a lock: it lands at the unlock) or may
 * (it does not answer), no thread can be reached where it is, so nothing
 * safe is reachable: the process ends at once, with a line saying where
 * each thread was, and without exit handlers (a thread stuck in a library
 * may hold the locks they would take). */
static void cp_end_if_stuck(void *uc)
{
  if (atomic_load(&cp_sig_sent) == atomic_load(&cp_sig_landed))
    return;
  cp_gather(uc);
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

/* The timer expired: end a stuck process, or write the notice if it is
 * due.  uc: the interrupted context of the thread running this (NULL on a
 * thread of the runtime's).  One thread at a time (a second expiry while
 * one runs finds nothing new to do). */
static void cp_fire(void *uc)
{
  static atomic_flag busy = ATOMIC_FLAG_INIT;
  if (atomic_flag_test_and_set(&busy))
    return;
  if (atomic_exchange(&cp_end_asked, 0))
    cp_end_if_stuck(uc);
  unsigned sent = atomic_load(&cp_sig_sent);
  if (sent != atomic_load(&cp_sig_landed) && sent != atomic_load(&cp_sig_noticed)) {
    int64_t left = atomic_load(&cp_sig_at) + CP_NOTICE_AFTER_NS - cp_now();
    if (left > 0) {
      cp_arm(left); /* a later ^C moved the time */
    } else {
      atomic_store(&cp_sig_noticed, sent);
      cp_notice(uc);
    }
  }
  atomic_flag_clear(&busy);
}

int __cp_notice_is_timer(const siginfo_t *si)
{
  return si->si_code == SI_TIMER && si->si_value.sival_ptr == &cp_timer;
}

void __cp_notice_on_timer(void *uc)
{
  /* A third ^C while the answers come in ends the process (sigint.c);
   * the runtime's SIGINT waiter keeps SIGINT blocked. */
  if (uc) {
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGINT);
    pthread_sigmask(SIG_UNBLOCK, &s, NULL);
  }
  cp_fire(uc);
}
