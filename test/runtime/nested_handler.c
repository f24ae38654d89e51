// A reset never abandons another signal handler: a program's handler that
// interrupted a reset region, on the thread's own stack or on an alternate
// stack, runs to its end even if a reset signal arrives meanwhile, and its
// signal is not left blocked.  The region itself is rewound afterwards.
// UNSUPPORTED under TSan: chaos mode (reset signals to computing threads) is
// not supported under TSan.
// UNSUPPORTED: tsan
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: env CANCELPOINTS_CHAOS=1000000000000 %t | FileCheck %s
// RUN: env CANCELPOINTS_CHAOS=1000000000000 %t altstack | FileCheck %s
#include "Inputs/cp_emul.h"
#include <cancelpoints.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile int phase, rewinds, handler_done, in_handler = -1;
static char altstack[1 << 16];

static void mine(int sig)
{
  (void)sig;
  /* Our reset signal, no request: chaos mode would rewind the region. */
  syscall(SYS_tgkill, getpid(), cp_test_gettid(), SIGURG);
  handler_done = 1;
}

int main(int argc, char **argv)
{
  alarm(60); /* a broken runtime must fail, not hang */
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = mine;
  sa.sa_flags = SA_RESTART;
  if (argc > 1) {
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
    sigaltstack(&ss, NULL);
    sa.sa_flags |= SA_ONSTACK;
  }
  sigaction(SIGUSR2, &sa, NULL);
  CP_CTX(ctx);
  if (__cp_arm(&ctx))
    rewinds++;
  if (phase == 0) {
    phase = 1;
    raise(SIGUSR2);
  }
  if (phase == 1) {
    phase = 2;
    in_handler = rewinds;
    syscall(SYS_tgkill, getpid(), cp_test_gettid(), SIGURG); /* in the region itself */
  }
  cp_disarm(&ctx);
  sigset_t cur;
  sigprocmask(SIG_SETMASK, NULL, &cur);
  // CHECK: handler finished: 1, rewinds during it: 0, SIGUSR2 blocked after: 0
  // CHECK-NEXT: rewinds in the region: 1
  printf("handler finished: %d, rewinds during it: %d, SIGUSR2 blocked after: %d\n", handler_done,
         in_handler, sigismember(&cur, SIGUSR2));
  printf("rewinds in the region: %d\n", rewinds);
  return 0;
}
