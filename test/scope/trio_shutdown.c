// The graceful-shutdown scenario of the Trio discussion: an accept loop in
// a graceful scope G spawns handlers into a non-graceful child scope H;
// a graceful request on the server scope S (grace 150 ms, inherited) stops
// the accept loop at once; a handler in the middle of a short request
// finishes it; a handler stuck in a long one is cut off when the grace
// runs out (its cleanup runs); then everything is joined.  The main thread
// never reaches a point while it waits, so cp_scope_run(S) returns 0.  Built with cpcc.
// UNSUPPORTED under TSan: timing: TSan slows the short handler's work past
// the grace period the test allows it.
// UNSUPPORTED: tsan
// RUN: %cpcc -O2 %s -o %t
// RUN: %t 2>&1 | FileCheck %s
// RUN: env CANCELPOINTS_CHAOS=500 %t 2>&1 | FileCheck %s
#include <cancelpoints.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static cp_scope *S, *G, *H;
static _Atomic int accepted, acceptor_stopped, busy;
static int64_t t_req;

static void say(const char *m) { printf("%s\n", m); fflush(stdout); }
static void cut_off(void *a) { (void)a; say("long handler: cut off (cleanup)"); }

static _Thread_local volatile unsigned long sink; /* each handler's own */
static void work_a_bit(void)
{
  for (int i = 0; i < 10000; i++)
    sink += (unsigned long)i * i;
}

static void *short_handler(void *a)
{
  (void)a;
  busy++;
  /* in the middle of a request when the shutdown comes: finish it */
  while (!acceptor_stopped)
    work_a_bit();
  for (int i = 0; i < 100; i++)
    work_a_bit();
  say("short handler: request finished");
  return NULL;
}

static void *long_handler(void *a)
{
  (void)a;
  cp_cleanup_push(cut_off, NULL);
  busy++;
  for (;;)
    work_a_bit(); /* implicit points; not graceful: runs until hard */
}

static void stopped(void *a)
{
  (void)a;
  say("acceptor: stopped accepting");
  acceptor_stopped = 1;
}

/* A thread of G: its points see the graceful request (G is graceful), so
 * the loop is left at its next point; the cleanup says so. */
static void *acceptor(void *a)
{
  (void)a;
  cp_cleanup_push(stopped, NULL);
  H = cp_scope_create(); /* child of G, not graceful */
  for (;;) {
    if (accepted < 2) {
      cp_thread_create(H, NULL, accepted == 0 ? short_handler : long_handler, NULL);
      accepted++;
    }
    work_a_bit(); /* an implicit point */
  }
}

static void server(void *a)
{
  (void)a;
  G = cp_scope_create();
  cp_scope_set_graceful(G, 1);
  cp_thread_create(G, NULL, acceptor, NULL);
  while (busy < 2)
    sched_yield();
  say("main: graceful shutdown");
  t_req = cp_now();
  cp_scope_cancel_graceful(S, -1);
  cp_scope_join(G, -1);
  cp_scope_join(H, -1);
}

int main(void)
{
  alarm(20);
  S = cp_scope_create();
  cp_scope_set_grace(S, 150000000);
  int r = cp_scope_run(S, server, NULL);
  int64_t took = cp_now() - t_req;
  printf("server: %d, G caught %d, H cancel cause %d, S cause %d\n", r, cp_scope_cancelled_caught(G),
         cp_scope_cancel_cause(H), cp_scope_cancel_cause(S));
  fprintf(stderr, "shutdown took %.1f ms\n", took / 1e6);
  printf("within grace bounds: %s\n", took >= 140000000 && took < 1500000000 ? "yes" : "NO");
  cp_scope_destroy(H);
  cp_scope_destroy(G);
  cp_scope_destroy(S);
  return 0;
}
// CHECK: main: graceful shutdown
// CHECK-NEXT: acceptor: stopped accepting
// CHECK-NEXT: short handler: request finished
// CHECK-NEXT: long handler: cut off (cleanup)
// CHECK: server: 0, G caught 0, H cancel cause 4, S cause 5
// CHECK: within grace bounds: yes
