// A SIGALRM handler with a loop, main in a scope whose deadline lands while
// the handler runs: the handler is not left (it runs to its end), the
// request lands after it returns (in a loop with effects, and in an
// effect-free loop: a reset region), SIGALRM is not left blocked, and the
// timer keeps firing after every cancelled run.  The handler is installed
// with sigaction (SA_SIGINFO) and with signal(); the old action reported
// back is the program's handler.
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %t.O2 | FileCheck %s
// RUN: env CANCELPOINTS_CHAOS=500 CANCELPOINTS_STATS=1 %t.O2 2> %t.chaos.err | FileCheck %s
// RUN: FileCheck --check-prefix=CHAOS %s < %t.chaos.err
// CHAOS: cancelpoints: stats: signals={{[0-9]+}} resets={{[0-9]+}} chaos_sent={{[1-9][0-9]*}}
// CHECK: old action: the program's handler
// CHECK-NEXT: run 0 (siginfo, effects): handler ran to its end, cancelled after it, SIGALRM unblocked
// CHECK-NEXT: run 1 (siginfo, effect-free): handler ran to its end, cancelled after it, SIGALRM unblocked
// CHECK-NEXT: run 2 (signal, effects): handler ran to its end, cancelled after it, SIGALRM unblocked
// CHECK-NEXT: run 3 (signal, effect-free): handler ran to its end, cancelled after it, SIGALRM unblocked
// CHECK-NEXT: the timer keeps firing
#include "Inputs/lk.h"
#include <sys/time.h>

static volatile int fired, siginfo_ok;
static int64_t handler_end;

static void on_alarm(int sig)
{
  lk_work(60000000); /* a loop with effects: its points are held */
  fired++;
  handler_end = cp_now();
  (void)sig;
}

static void on_alarm_info(int sig, siginfo_t *si, void *uc)
{
  siginfo_ok = si && si->si_signo == SIGALRM && uc;
  on_alarm(sig);
}

static volatile unsigned long limit = ~0ul;

static __attribute__((noinline)) unsigned long pure(unsigned long x)
{
  for (unsigned long i = 0; i < limit; i++)
    x = (x ^ (x >> 17)) * 0xbf58476d1ce4e5b9ul + i;
  return x;
}

static void body(void *pure_loop)
{
  if (pure_loop)
    lk_table[0] = pure(lk_table[1]);
  lk_work(INT64_MAX / 2);
}

static void once_in(long us, long every_us)
{
  struct itimerval it = {{0, every_us}, {0, us}};
  LK_CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
}

static void run(int n, const char *how, int pure_loop)
{
  int before = fired;
  cp_scope *s = cp_scope_create();
  once_in(5000, 0);                                 /* the handler runs 5..65 ms */
  cp_scope_set_deadline(s, cp_now() + 25000000);    /* lands inside it */
  int r = cp_scope_run(s, body, pure_loop ? s : NULL);
  int64_t back = cp_now();
  LK_CHECK(r == -1 && errno == ECANCELED && cp_scope_cancelled_caught(s));
  LK_CHECK(fired == before + 1 && back >= handler_end);
  sigset_t cur;
  LK_CHECK(pthread_sigmask(SIG_BLOCK, NULL, &cur) == 0);
  LK_CHECK(!sigismember(&cur, SIGALRM));
  cp_scope_destroy(s);
  printf("run %d (%s, %s): handler ran to its end, cancelled after it, SIGALRM unblocked\n", n, how,
         pure_loop ? "effect-free" : "effects");
}

int main(void)
{
  alarm(0);
  setvbuf(stdout, NULL, _IONBF, 0);
  struct sigaction sa, old;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_alarm_info;
  sa.sa_flags = SA_SIGINFO;
  LK_CHECK(sigaction(SIGALRM, &sa, NULL) == 0);
  LK_CHECK(sigaction(SIGALRM, NULL, &old) == 0);
  LK_CHECK((old.sa_flags & SA_SIGINFO) && old.sa_sigaction == on_alarm_info);
  printf("old action: the program's handler\n");
  run(0, "siginfo", 0);
  run(1, "siginfo", 1);
  LK_CHECK(siginfo_ok);
  LK_CHECK(signal(SIGALRM, on_alarm) == (void (*)(int))on_alarm_info);
  LK_CHECK(signal(SIGALRM, on_alarm) == on_alarm);
  run(2, "signal", 0);
  run(3, "signal", 1);
  int before = fired;
  once_in(1000, 70000);
  int64_t until = cp_now() + 5000000000LL;
  while (fired < before + 3 && cp_now() < until)
    usleep(1000);
  LK_CHECK(fired >= before + 3);
  once_in(0, 0);
  printf("the timer keeps firing\n");
  return 0;
}
