/* foreign_wait.c - the root's exit for a thread that waits in a system call
 * made by code that is not instrumented (libc's read under fgets, the futex
 * of pthread_join, poll, nanosleep, wait4 ...).
 *
 * Such a thread is at a safe place: the program's own code is at a call and
 * nothing of it is half-done.  When a request the root takes reaches it (no
 * scope of the program's own on the thread, nothing held: __cp_applies with
 * __cp_tls.scope NULL), the reset handler moves it here instead of letting
 * it wait for a point: it resumes in __cp_fw_entry (foreign_wait_x86_64.S),
 * which calls __cp_foreign_exit: the report line names the system call, the
 * nearest caller outside the object that made it and the function of that
 * object it called, then exit(130) (atexit handlers, stdio flushed).
 *
 * The handler knows the system call from the interrupted context (x86_64):
 *  - PC on a `syscall` instruction (0f 05): the kernel will restart the
 *    call (SA_RESTART rewound it; rax holds its number again), or the
 *    thread is about to make it.  Either way it has had no effect.
 *  - PC just past one with rax = -EINTR: a call the kernel does not restart
 *    (poll, nanosleep, timed futex ...) ended for this signal with no
 *    effect; its number is read from the `mov $nr, %eax` before the
 *    instruction (glibc's inline syscalls), in the 16 bytes before it and
 *    on its page.  Without one, it is left alone (the caller sees EINTR).
 * Only calls that wait for input or for time qualify (cp_fw_waits below).
 * A write never does: a write blocked on a full pipe may be one piece of
 * a longer write of the program's (stdio's buffer, a record), and exit's
 * flush would block on the same pipe.  The request lands at the next point
 * after the write returns.  The runtime's own blocking calls are not taken
 * here (the syscall window and the waits handle themselves: blocking.c).
 * Other targets: nothing is done here; the request waits for a point.
 */
#include "blocking.h"
#include "scope.h"
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#if defined(__x86_64__)
#define UNW_LOCAL_ONLY
#include <libunwind.h>

/* What the handler saw, for __cp_foreign_exit on the same thread. */
static __thread struct {
  uintptr_t pc; /* the interrupted PC */
  long nr;      /* the system call */
  uint32_t req; /* the poll word then */
} cp_fw __attribute__((tls_model("initial-exec")));

extern const char __cp_sc_begin[], __cp_sc_cancel[];
extern const char __cp_fw_entry[];

/* The system calls that wait for input or for time (x86_64 numbers). */
static const struct {
  short nr;
  const char *name;
} cp_fw_waits[] = {
    {0, "read"},          {17, "pread64"},       {19, "readv"},         {295, "preadv"},
    {327, "preadv2"},     {7, "poll"},           {23, "select"},        {270, "pselect6"},
    {271, "ppoll"},       {232, "epoll_wait"},   {281, "epoll_pwait"},  {441, "epoll_pwait2"},
    {202, "futex"},       {35, "nanosleep"},     {230, "clock_nanosleep"}, {34, "pause"},
    {130, "rt_sigsuspend"}, {128, "rt_sigtimedwait"}, {61, "wait4"},    {247, "waitid"},
    {43, "accept"},       {288, "accept4"},      {45, "recvfrom"},      {47, "recvmsg"},
    {299, "recvmmsg"},    {70, "msgrcv"},        {243, "mq_timedreceive"},
};

static const char *cp_fw_name(long nr)
{
  for (size_t i = 0; i < sizeof cp_fw_waits / sizeof cp_fw_waits[0]; i++)
    if (cp_fw_waits[i].nr == nr)
      return cp_fw_waits[i].name;
  return NULL;
}

/* Is syscall nr with these registers a wait?  futex: its wait operations. */
static int cp_fw_is_wait(long nr, const greg_t *g)
{
  if (!cp_fw_name(nr))
    return 0;
  if (nr == 202) {
    long op = g[REG_RSI] & 127; /* FUTEX_CMD_MASK without PRIVATE */
    return op == 0 || op == 9;  /* FUTEX_WAIT, FUTEX_WAIT_BITSET */
  }
  return 1;
}

/* The number a `mov $nr, %eax` (b8 imm32, or 48 c7 c0 imm32) or
 * `xor %eax, %eax` loads before the syscall instruction at sc; -1 if none
 * is found in the 16 bytes before it on its page. */
static long cp_fw_decode(const unsigned char *sc)
{
  uintptr_t page = (uintptr_t)sc & ~(uintptr_t)4095;
  if ((uintptr_t)sc - 2 >= page && sc[-2] == 0x31 && sc[-1] == 0xc0)
    return 0;
  for (int k = 5; k <= 16 && (uintptr_t)sc - k >= page; k++) {
    const unsigned char *p = sc - k;
    if (p[0] == 0xb8 || ((uintptr_t)p - 2 >= page && p[-2] == 0x48 && p[-1] == 0xc7 && p[0] == 0xc0)) {
      uint32_t v;
      memcpy(&v, p + 1, 4);
      if (v < 1024)
        return (long)v;
    }
  }
  return -1;
}

/* The system call the thread waits in, or -1. */
static long cp_fw_syscall(const greg_t *g)
{
  const unsigned char *ip = (const unsigned char *)(uintptr_t)g[REG_RIP];
  if (ip[0] == 0x0f && ip[1] == 0x05)
    return g[REG_RAX];
  if (((uintptr_t)ip & 4095) >= 2 && ip[-2] == 0x0f && ip[-1] == 0x05 && g[REG_RAX] == -EINTR)
    return cp_fw_decode(ip - 2);
  return -1;
}

int __cp_foreign_wait_on_signal(void *ucp)
{
  ucontext_t *uc = ucp;
  greg_t *g = uc->uc_mcontext.gregs;
  uintptr_t ip = (uintptr_t)g[REG_RIP], sp = (uintptr_t)g[REG_RSP];
  if (__cp_tls.scope || __cp_btls.waiter)
    return 0; /* a scope of the program's own; cp_cond_wait, cp_sem_wait */
  if (ip >= (uintptr_t)__cp_sc_begin && ip <= (uintptr_t)__cp_sc_cancel)
    return 0; /* the runtime's own window */
  if (!(uc->uc_stack.ss_flags & SS_DISABLE) && sp - (uintptr_t)uc->uc_stack.ss_sp < uc->uc_stack.ss_size)
    return 0; /* a handler on the alternate stack */
  long nr = cp_fw_syscall(g);
  if (nr < 0 || !cp_fw_is_wait(nr, g) || !__cp_applies(0))
    return 0;
  cp_fw.pc = ip;
  cp_fw.nr = nr;
  cp_fw.req = __cp_tls.poll;
  /* A call made at the interrupted instruction (its red zone is lost: the
   * thread never returns there). */
  sp -= 8;
  *(uintptr_t *)sp = ip;
  g[REG_RSP] = (greg_t)sp;
  g[REG_RIP] = (greg_t)(uintptr_t)__cp_fw_entry;
  g[REG_EFL] &= ~(greg_t)0x400; /* DF */
  return 1;
}

/* The base of the object that holds pc, or NULL; and, in *name, the
 * exported function that holds it (its dynamic symbol), or NULL. */
static void *cp_fw_object(uintptr_t pc, const char **name)
{
  Dl_info di;
  *name = NULL;
  if (!dladdr((void *)(pc - 1), &di))
    return NULL;
  *name = di.dli_sname;
  return di.dli_fbase;
}

/* The frame's function: the dynamic symbol if there is one (no file is
 * read), else libunwind's name from the object's symbol table. */
static void cp_fw_name_frame(unw_cursor_t *c, const char *dyn, char *out, size_t n)
{
  unw_word_t off;
  if (dyn) {
    size_t l = strlen(dyn) < n - 1 ? strlen(dyn) : n - 1;
    memcpy(out, dyn, l);
    out[l] = 0;
  } else if (unw_get_proc_name(c, out, n, &off) != 0) {
    out[0] = 0;
  }
}

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

/* From here up: the frame of pc (the wrapper), the frames of its object,
 * and the first frame of another: fn is that one, entry the last of pc's. */
static void cp_fw_where(uintptr_t pc, char *fn, char *entry, size_t n)
{
  unw_context_t uc;
  unw_cursor_t c, last;
  unw_word_t ip;
  void *base = NULL;
  const char *dyn, *last_dyn = NULL;
  int found = 0;
  fn[0] = entry[0] = 0;
  if (unw_getcontext(&uc) != 0 || unw_init_local(&c, &uc) != 0)
    return;
  for (int i = 0; i < 64 && unw_step(&c) > 0; i++) {
    if (unw_get_reg(&c, UNW_REG_IP, &ip) != 0)
      break;
    if (!found && ip != pc)
      continue;
    void *b = cp_fw_object(ip, &dyn);
    if (found && b != base) {
      cp_fw_name_frame(&c, dyn, fn, n);
      break;
    }
    if (!found)
      base = b;
    found = 1;
    last = c;
    last_dyn = dyn;
  }
  if (found)
    cp_fw_name_frame(&last, last_dyn, entry, n);
}

_Noreturn void __cp_foreign_exit(void);
_Noreturn void __cp_foreign_exit(void)
{
  __cp_tls.armed = NULL;
  uint32_t req = cp_fw.req;
  if (!(req & CP_REQ_HARD))
    req = atomic_load(&__cp_root.request) | CP_REQ_HARD;
  __cp_root_claim(); /* parks for good if another thread exits */
  static char fn[256], entry[256], line[768];
  cp_fw_where(cp_fw.pc, fn, entry, sizeof fn);
  size_t n = __cp_report_wait_line(line, sizeof line, req, fn, cp_fw_name(cp_fw.nr),
                                   entry[0] ? cp_fw_plain(entry) : NULL);
  __cp_write_all(2, line, n);
  exit(130);
}

#else

int __cp_foreign_wait_on_signal(void *uc)
{
  (void)uc;
  return 0;
}

#endif
