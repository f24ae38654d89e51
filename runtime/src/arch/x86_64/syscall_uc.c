/* arch/x86_64/syscall_uc.c - system calls as the reset handler sees them in
 * an interrupted x86_64 context: where the thread is in syscall.S's window
 * (blocking.c decides from it), and which system call a thread outside it
 * is making (foreign_wait.c):
 *  - PC on a `syscall` instruction (0f 05): the kernel will restart the
 *    call (SA_RESTART rewound it; rax holds its number again), or the
 *    thread is about to make it.
 *  - PC just past one with rax = -EINTR: a call the kernel does not restart
 *    (poll, nanosleep, timed futex ...) ended for this signal; its number
 *    is read from the `mov $nr, %eax` before the instruction (glibc's
 *    inline syscalls), in the 16 bytes before it and on its page.
 * Async-signal-safe: reads of the context and of code bytes only.
 */
#include "blocking.h"
#include <errno.h>
#include <string.h>
#include <ucontext.h>

/* syscall.S's labels. */
extern const char __cp_sc_begin[], __cp_sc_call[], __cp_sc_end[], __cp_sc_cancel[];

int __cp_sc_at(void *ucp)
{
  ucontext_t *uc = ucp;
  uintptr_t ip = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
  if (ip >= (uintptr_t)__cp_sc_begin && ip <= (uintptr_t)__cp_sc_call)
    return CP_SC_BEFORE;
  /* The kernel ended the syscall with EINTR for this signal (it did not
   * restart it): the EINTR is ours.  A foreign handler that ran first
   * would have been interrupted instead, at another PC. */
  if (ip == (uintptr_t)__cp_sc_end && uc->uc_mcontext.gregs[REG_RAX] == -EINTR)
    return CP_SC_EINTR;
  if (ip >= (uintptr_t)__cp_sc_begin && ip <= (uintptr_t)__cp_sc_cancel)
    return CP_SC_IN;
  return CP_SC_OUT;
}

void __cp_sc_cancel_uc(void *ucp)
{
  ucontext_t *uc = ucp;
  uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)__cp_sc_cancel;
}

/* ---- the system call at an interrupted PC -------------------------------- */

#define CP_PAGE        4096u /* code bytes are read on the PC's page only */
#define CP_DECODE_BACK 16    /* how far before the syscall a mov is looked for */
#define CP_NR_LIMIT    1024  /* above every system call number */
/* Instruction bytes. */
#define CP_SYSCALL_0   0x0f /* syscall: 0f 05 */
#define CP_SYSCALL_1   0x05
#define CP_MOV_EAX     0xb8 /* mov $imm32, %eax: b8 imm32 */
#define CP_REX_W       0x48 /* mov $imm32, %rax: 48 c7 c0 imm32 */
#define CP_MOV_RM      0xc7
#define CP_MODRM_AX    0xc0 /* register operand (e)ax, with (e)ax for xor */
#define CP_XOR         0x31 /* xor %eax, %eax: 31 c0 */
#define CP_SYSCALL_LEN 2
#define CP_MOV_LEN     5 /* b8 imm32 */

static uintptr_t cp_page_of(const unsigned char *p)
{
  return (uintptr_t)p & ~(uintptr_t)(CP_PAGE - 1);
}

/* The number a `mov $nr, %eax`, `mov $nr, %rax` or `xor %eax, %eax` loads
 * before the syscall instruction at sc; -1 if none is found in the
 * CP_DECODE_BACK bytes before it on its page. */
static long cp_decode_nr(const unsigned char *sc)
{
  uintptr_t page = cp_page_of(sc);
  if ((uintptr_t)sc - 2 >= page && sc[-2] == CP_XOR && sc[-1] == CP_MODRM_AX)
    return 0;
  for (int k = CP_MOV_LEN; k <= CP_DECODE_BACK && (uintptr_t)sc - k >= page; k++) {
    const unsigned char *p = sc - k;
    if (p[0] == CP_MOV_EAX || ((uintptr_t)p - 2 >= page && p[-2] == CP_REX_W &&
                               p[-1] == CP_MOV_RM && p[0] == CP_MODRM_AX)) {
      uint32_t v;
      memcpy(&v, p + 1, sizeof v);
      if (v < CP_NR_LIMIT)
        return (long)v;
    }
  }
  return -1;
}

long __cp_uc_syscall(void *ucp)
{
  ucontext_t *uc = ucp;
  const greg_t *g = uc->uc_mcontext.gregs;
  const unsigned char *ip = (const unsigned char *)(uintptr_t)g[REG_RIP];
  if (ip[0] == CP_SYSCALL_0 && ip[1] == CP_SYSCALL_1)
    return g[REG_RAX];
  if ((uintptr_t)ip - cp_page_of(ip) >= CP_SYSCALL_LEN && ip[-2] == CP_SYSCALL_0 &&
      ip[-1] == CP_SYSCALL_1 && g[REG_RAX] == -EINTR)
    return cp_decode_nr(ip - CP_SYSCALL_LEN);
  return -1;
}

long __cp_uc_syscall_arg(void *ucp, int i)
{
  static const int reg[] = {REG_RDI, REG_RSI, REG_RDX, REG_R10, REG_R8, REG_R9};
  ucontext_t *uc = ucp;
  return i >= 0 && i < (int)(sizeof reg / sizeof reg[0]) ? (long)uc->uc_mcontext.gregs[reg[i]] : 0;
}

int __cp_uc_fail_syscall(void *ucp, int err)
{
  ucontext_t *uc = ucp;
  greg_t *g = uc->uc_mcontext.gregs;
  const unsigned char *ip = (const unsigned char *)(uintptr_t)g[REG_RIP];
  if (ip[0] == CP_SYSCALL_0 && ip[1] == CP_SYSCALL_1) { /* restarted, or not made yet */
    g[REG_RAX] = -err;
    g[REG_RIP] += CP_SYSCALL_LEN;
    return 1;
  }
  /* Ended for this signal already (a call the kernel does not restart). */
  return (uintptr_t)ip - cp_page_of(ip) >= CP_SYSCALL_LEN && ip[-2] == CP_SYSCALL_0 &&
         ip[-1] == CP_SYSCALL_1 && g[REG_RAX] == -EINTR;
}
