// ^C with no scope of the program's own while main holds a mutex around a
// long loop; an atexit handler takes the same mutex to save its state.  The
// request waits for the unlock, lands at the next point, and exit(130) runs
// the handler, which gets the mutex: exit 130, within a bound (plain clang:
// the first ^C kills it; before holds: the handler hung on the mutex).
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %interrupt --max-latency-ms 3000 -- %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %interrupt --max-latency-ms 3000 -- %t.O2 | FileCheck %s
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}request pending at the unlock: 1{{$}}
// CHECK-NEXT: {{^}}atexit: state saved under the mutex{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT in {{[a-z_]+}}{{( \(.*\))?$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
#include "Inputs/lk.h"

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void save(void)
{
  pthread_mutex_lock(&m);
  printf("atexit: state saved under the mutex\n");
  pthread_mutex_unlock(&m);
}

int main(void)
{
  atexit(save);
  pthread_mutex_lock(&m);
  printf("READY\n");
  fflush(stdout);
  lk_work(500000000); /* the ^C comes meanwhile */
  printf("request pending at the unlock: %d\n", cp_scope_cancel_called(NULL));
  pthread_mutex_unlock(&m);
  lk_unlocked();
}
