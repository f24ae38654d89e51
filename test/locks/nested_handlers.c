// Nested signal handlers: a SIGUSR1 handler installed with SA_NODEFER raises
// SIGUSR1 again (the same handler, nested) and, in the nested run, SIGUSR2,
// whose handler was installed with signal(); each handler runs a loop with
// effects.  Main runs in a scope whose deadline lands while the innermost
// handler runs: no handler is left (each runs to its end, innermost first),
// the request lands after the outermost one returns, and neither signal is
// left blocked.
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %t.O2 | FileCheck %s
// CHECK: run 0: handlers ended usr2 usr1 usr1, cancelled after the outermost, SIGUSR1 and SIGUSR2 unblocked
// CHECK-NEXT: run 1: handlers ended usr2 usr1 usr1, cancelled after the outermost, SIGUSR1 and SIGUSR2 unblocked
#include "Inputs/lk.h"

static volatile int depth;
static char order[16];
static volatile int n_order;
static int64_t outer_end;

static void note(char c)
{
  if (n_order < (int)sizeof order - 1)
    order[n_order++] = c;
}

static void on_usr2(int sig)
{
  lk_work(30000000); /* the deadline lands in here */
  note('2');
  (void)sig;
}

static void on_usr1(int sig)
{
  int d = ++depth;
  if (d == 1)
    raise(SIGUSR1); /* SA_NODEFER: runs nested, at once */
  else
    raise(SIGUSR2);
  lk_work(10000000);
  note('1');
  if (d == 1)
    outer_end = cp_now();
  depth--;
  (void)sig;
}

static void body(void *arg)
{
  raise(SIGUSR1);
  lk_work(INT64_MAX / 2);
  (void)arg;
}

static void run(int n)
{
  n_order = 0;
  cp_scope *s = cp_scope_create();
  cp_scope_set_deadline(s, cp_now() + LK_DEADLINE_NS);
  int r = cp_scope_run(s, body, NULL);
  int64_t back = cp_now();
  LK_CHECK(r == -1 && errno == ECANCELED && cp_scope_cancelled_caught(s));
  LK_CHECK(n_order == 3 && order[0] == '2' && order[1] == '1' && order[2] == '1');
  LK_CHECK(back >= outer_end);
  sigset_t cur;
  LK_CHECK(pthread_sigmask(SIG_BLOCK, NULL, &cur) == 0);
  LK_CHECK(!sigismember(&cur, SIGUSR1) && !sigismember(&cur, SIGUSR2));
  cp_scope_destroy(s);
  printf("run %d: handlers ended usr2 usr1 usr1, cancelled after the outermost, "
         "SIGUSR1 and SIGUSR2 unblocked\n", n);
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_usr1;
  sa.sa_flags = SA_NODEFER;
  LK_CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
  LK_CHECK(signal(SIGUSR2, on_usr2) != SIG_ERR);
  run(0);
  run(1);
  return 0;
}
