// A reset signal that is not ours (not sent by tgkill from this process:
// kill(), sigqueue(), a forged SI_QUEUE to the thread, a shell's kill) does
// nothing: no rewind even in chaos mode, no kill with another reset signal
// whose default action would terminate.  Ours (tgkill) rewinds.
// The signals are sent to the calling thread, so they are handled before
// kill()/sigqueue() return.
// UNSUPPORTED under TSan: chaos mode (reset signals to computing threads) is
// not supported under TSan.
// UNSUPPORTED: tsan
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: env CANCELPOINTS_CHAOS=1000000000000 CANCELPOINTS_STATS=1 %t 2>&1 | FileCheck %s
// RUN: env CANCELPOINTS_CHAOS=1000000000000 CANCELPOINTS_SIGNAL=SIGUSR1 CANCELPOINTS_STATS=1 %t 2>&1 | FileCheck %s
// RUN: env CANCELPOINTS_CHAOS=1000000000000 CANCELPOINTS_SIGNAL=SIGRTMIN+2 CANCELPOINTS_STATS=1 %t 2>&1 | FileCheck %s
#include "Inputs/cp_emul.h"
#include <cancelpoints.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile int phase, rewinds, stray_rewinds;

static int reset_signal(void)
{
  const char *s = getenv("CANCELPOINTS_SIGNAL");
  if (!s)
    return SIGURG;
  if (!strcmp(s, "SIGUSR1"))
    return SIGUSR1;
  return SIGRTMIN + 2;
}

int main(void)
{
  alarm(60); /* a broken runtime must fail, not hang */
  int sig = reset_signal();
  union sigval v = {0};
  siginfo_t si;
  memset(&si, 0, sizeof si);
  si.si_signo = sig;
  si.si_code = SI_QUEUE;
  si.si_pid = getpid();
  CP_CTX(ctx);
  if (__cp_arm(&ctx))
    rewinds++;
  if (phase == 0) {
    phase = 1;
    kill(getpid(), sig);                                                      /* SI_USER */
    sigqueue(getpid(), sig, v);                                               /* SI_QUEUE */
    syscall(SYS_rt_tgsigqueueinfo, getpid(), cp_test_gettid(), sig, &si);     /* SI_QUEUE, to us */
    /* From another process (a shell's kill): pending before the child
     * exits, so handled before system() returns. */
    char cmd[64];
    snprintf(cmd, sizeof cmd, "kill -%d %d", sig, (int)getpid());
    if (system(cmd) != 0)
      printf("kill from a shell failed\n");
  }
  if (phase == 1) {
    phase = 2;
    stray_rewinds = rewinds;
    syscall(SYS_tgkill, getpid(), cp_test_gettid(), sig); /* ours, no request */
  }
  cp_disarm(&ctx);
  printf("after stray signals: rewinds=%d\n", stray_rewinds);
  printf("after ours: rewinds=%d\n", rewinds);
  fflush(stdout);
  return 0;
}
// CHECK: after stray signals: rewinds=0
// CHECK-NEXT: after ours: rewinds=1
// CHECK-NEXT: cancelpoints: stats: signals=1 resets=1 chaos_sent=0 requests=0
