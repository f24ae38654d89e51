/* foreign_wait.c - the root's exit for a thread that waits in a system call
 * made by code that is not instrumented (libc's read under fgets, the futex
 * of pthread_join, poll, nanosleep, wait4 ...).
 *
 * Such a thread is at a safe place: the program's own code is at a call and
 * nothing of it is half-done.  When a request the root takes reaches it (no
 * scope of the program's own on the thread, nothing held: __cp_applies with
 * __cp_tls.scope NULL), the reset handler moves it here instead of letting
 * it wait for a point: the context becomes a call of __cp_foreign_exit made
 * at the interrupted instruction (__cp_uc_call_foreign_exit), which writes
 * the report line, naming the system call, the nearest caller outside the
 * object that made it and the function of that object it called, then
 * exit(130) (atexit handlers, stdio flushed).
 *
 * The handler knows the system call from the interrupted context
 * (__cp_uc_syscall, arch/x86_64/syscall_uc.c): the PC on the syscall
 * instruction (the kernel will restart the call, or the thread is about to
 * make it), or just past one that ended with EINTR for this signal; either
 * way it has had no effect.  A call it cannot name is left alone (the
 * caller sees EINTR).
 * Only calls that wait for input or for time qualify (cp_fw_waits below).
 * A write never does: a write blocked on a full pipe may be one piece of
 * a longer write of the program's (stdio's buffer, a record), and exit's
 * flush would block on the same pipe.  The request lands at the next point
 * after the write returns.  The runtime's own blocking calls are not taken
 * here (the syscall window and the waits handle themselves: blocking.c).
 * Targets without a port (arch/generic) name no system call: nothing is
 * done here; the request waits for a point.
 */
#include "blocking.h"
#include "scope.h"
#include <linux/futex.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#define UNW_LOCAL_ONLY
#include <libunwind.h>

/* What the handler saw, for __cp_foreign_exit on the same thread. */
static __thread struct {
  uintptr_t pc; /* the interrupted PC */
  long nr;      /* the system call */
  uint32_t req; /* the poll word then */
} cp_fw __attribute__((tls_model("initial-exec")));

/* The system calls that wait for input or for time.  Some exist on x86_64
 * only (asm-generic targets have their p- and epoll_p- forms). */
static const struct {
  short nr;
  const char *name;
} cp_fw_waits[] = {
    {SYS_read, "read"},
    {SYS_pread64, "pread64"},
    {SYS_readv, "readv"},
    {SYS_preadv, "preadv"},
    {SYS_preadv2, "preadv2"},
#ifdef SYS_poll
    {SYS_poll, "poll"},
#endif
#ifdef SYS_select
    {SYS_select, "select"},
#endif
    {SYS_pselect6, "pselect6"},
    {SYS_ppoll, "ppoll"},
#ifdef SYS_epoll_wait
    {SYS_epoll_wait, "epoll_wait"},
#endif
    {SYS_epoll_pwait, "epoll_pwait"},
#ifdef SYS_epoll_pwait2
    {SYS_epoll_pwait2, "epoll_pwait2"},
#endif
    {SYS_futex, "futex"},
    {SYS_nanosleep, "nanosleep"},
    {SYS_clock_nanosleep, "clock_nanosleep"},
#ifdef SYS_pause
    {SYS_pause, "pause"},
#endif
    {SYS_rt_sigsuspend, "rt_sigsuspend"},
    {SYS_rt_sigtimedwait, "rt_sigtimedwait"},
    {SYS_wait4, "wait4"},
    {SYS_waitid, "waitid"},
    {SYS_accept, "accept"},
    {SYS_accept4, "accept4"},
    {SYS_recvfrom, "recvfrom"},
    {SYS_recvmsg, "recvmsg"},
    {SYS_recvmmsg, "recvmmsg"},
    {SYS_msgrcv, "msgrcv"},
    {SYS_mq_timedreceive, "mq_timedreceive"},
};

static const char *cp_fw_name(long nr)
{
  for (size_t i = 0; i < sizeof cp_fw_waits / sizeof cp_fw_waits[0]; i++)
    if (cp_fw_waits[i].nr == nr)
      return cp_fw_waits[i].name;
  return NULL;
}

/* The futex operation without its flags (FUTEX_PRIVATE_FLAG and above). */
#define CP_FUTEX_OP(op) ((op) & (FUTEX_PRIVATE_FLAG - 1))

/* Is syscall nr of the context uc a wait?  futex: its wait operations. */
static int cp_fw_is_wait(long nr, void *uc)
{
  if (!cp_fw_name(nr))
    return 0;
  if (nr == SYS_futex) {
    long op = CP_FUTEX_OP(__cp_uc_syscall_arg(uc, 1));
    return op == FUTEX_WAIT || op == FUTEX_WAIT_BITSET;
  }
  return 1;
}

int __cp_foreign_wait_on_signal(void *uc, int applies)
{
  if (!applies)
    return 0;
  if (__cp_tls.scope || __cp_btls.waiter)
    return 0; /* a scope of the program's own; cp_cond_wait, cp_sem_wait */
  if (__cp_sc_at(uc) != CP_SC_OUT)
    return 0; /* the runtime's own window */
  if (__cp_uc_on_altstack(uc))
    return 0; /* a handler on the alternate stack */
  long nr = __cp_uc_syscall(uc);
  if (nr < 0 || !cp_fw_is_wait(nr, uc))
    return 0;
  cp_fw.pc = __cp_uc_pc(uc);
  cp_fw.nr = nr;
  cp_fw.req = __atomic_load_n(&__cp_tls.poll, __ATOMIC_RELAXED);
  /* Its red zone is lost: the thread never returns there. */
  __cp_uc_call_foreign_exit(uc);
  return 1;
}

/* The object that holds return address pc, or 0. */
static uintptr_t cp_fw_object(uintptr_t pc) { return __cp_object_base(pc - 1); }

/* The function of return address pc: its exported name if it has one
 * (libc's public name; no file is read), else the symbol table's. */
static void cp_fw_function(uintptr_t pc, char *out, size_t n) { __cp_symbolize(pc - 1, 1, out, n); }

/* libc's internal spellings of its entry points: _IO_fgets, __libc_read,
 * __pthread_join, __GI___poll. */
static const char *cp_fw_plain(const char *s)
{
  static const char *const pre[] = {"__GI_", "__libc_", "_IO_", "__"};
  for (int again = 1; again;) {
    again = 0;
    for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++)
      if (!strncmp(s, pre[i], strlen(pre[i])) && s[strlen(pre[i])]) {
        s += strlen(pre[i]);
        again = 1;
      }
  }
  return s;
}

/* A sanitizer's wrapper of a libc function (ASan, TSan: linked into the
 * executable, so in another object than libc): not the caller. */
static int cp_fw_interceptor(const char *s)
{
  while (*s == '_')
    s++;
  return !strncmp(s, "interceptor_", 12);
}

/* From here up: the frame of pc (the wrapper), the frames of its object,
 * and the first frame of another that is not a sanitizer's interceptor: fn
 * is that one, entry the last of pc's. */
#define CP_FW_MAX_FRAMES 64
static void cp_fw_where(uintptr_t pc, char *fn, char *entry, size_t n)
{
  unw_context_t uc;
  unw_cursor_t c;
  unw_word_t ip, last = 0;
  uintptr_t base = 0;
  int found = 0;
  fn[0] = entry[0] = 0;
  if (unw_getcontext(&uc) != 0 || unw_init_local(&c, &uc) != 0)
    return;
  for (int i = 0; i < CP_FW_MAX_FRAMES && unw_step(&c) > 0; i++) {
    if (unw_get_reg(&c, UNW_REG_IP, &ip) != 0)
      break;
    if (!found && ip != pc)
      continue;
    uintptr_t b = cp_fw_object(ip);
    if (found && b != base) {
      cp_fw_function(ip, fn, n);
      if (cp_fw_interceptor(fn))
        continue;
      break;
    }
    if (!found)
      base = b;
    found = 1;
    last = ip;
  }
  if (found)
    cp_fw_function(last, entry, n);
}

_Noreturn void __cp_foreign_exit(void);
_Noreturn void __cp_foreign_exit(void)
{
  __cp_tls.armed = NULL;
  uint32_t req = cp_fw.req;
  if (!(req & CP_REQ_HARD))
    req = atomic_load(&__cp_root.request) | CP_REQ_HARD;
  __cp_root_claim(); /* parks for good if another thread exits */
  static char fn[CP_NAME_MAX], entry[CP_NAME_MAX], line[3 * CP_NAME_MAX];
  cp_fw_where(cp_fw.pc, fn, entry, sizeof fn);
  size_t n = __cp_report_wait_line(line, sizeof line, req, fn, cp_fw_name(cp_fw.nr),
                                   entry[0] ? cp_fw_plain(entry) : NULL);
  __cp_write_all(STDERR_FILENO, line, n);
  exit(CP_EXIT_CANCELLED);
}
