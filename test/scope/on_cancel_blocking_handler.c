// A cancel handler that blocks holds up nothing but its own thread: while
// one is stuck (it waits on a pipe), another scope's deadline still fires
// on time (the canceller is not the thread that runs handlers), and the
// thread that pushed the stuck handler waits in cp_on_cancel_pop until it
// returns.
// RUN: %cpcc -O2 %s -o %t
// RUN: %t | FileCheck %s
// CHECK: handler running
// CHECK-NEXT: b: -1 cause 3 under 1 s 1
// CHECK-NEXT: handler returned
// CHECK-NEXT: a's thread popped after the handler 1
#include <cancelpoints.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

static int running[2], release[2];
static _Atomic int handler_started, handler_done, popped_after;

static void stuck(void *unused)
{
  (void)unused;
  char c;
  handler_started = 1;
  if (write(running[1], "h", 1) != 1 || read(release[0], &c, 1) != 1)
    return;
  handler_done = 1;
}

/* A library call with no points: it returns once the handler has begun. */
__attribute__((annotate("cp_nocancel"), noinline)) static void library(void)
{
  while (!handler_started) {
  }
}

static void *worker(void *unused)
{
  (void)unused;
  if (cp_on_cancel_push(stuck, NULL) != 0)
    return NULL;
  library();
  cp_on_cancel_pop(); /* waits for stuck */
  popped_after = handler_done;
  cp_check();
  return NULL;
}

static void spin(void *unused)
{
  (void)unused;
  while (cp_check() == 0) {
  }
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  if (pipe(running) || pipe(release))
    return 1;
  cp_scope *a = cp_scope_create(), *b = cp_scope_create();
  pthread_t t;
  if (cp_thread_create(a, &t, worker, NULL))
    return 1;
  cp_scope_cancel(a);
  char c;
  if (read(running[0], &c, 1) != 1)
    return 1;
  printf("handler running\n");
  int64_t deadline = cp_now() + 50 * 1000000LL;
  cp_scope_set_deadline(b, deadline);
  int r = cp_scope_run(b, spin, NULL);
  printf("b: %d cause %d under 1 s %d\n", r, cp_scope_cancel_cause(b),
         cp_now() - deadline < 1000 * 1000000LL);
  if (write(release[1], "r", 1) != 1)
    return 1;
  pthread_join(t, NULL);
  printf("handler returned\n");
  printf("a's thread popped after the handler %d\n", (int)popped_after);
  return 0;
}
