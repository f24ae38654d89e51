// The 1 s notice names the lock that holds the request: "holds a lock taken
// in update_table (notice.c:LINE)".  The second ^C makes the request hard
// but does not break the lock: it still lands after the unlock.
// RUN: %cpcc -O0 -g %s -o %t.O0
// RUN: %interrupt --signals 2 --next-stderr "not delivered after" --max-latency-ms 5000 -- %t.O0 | FileCheck %s
// RUN: %cpcc -O2 -g %s -o %t.O2
// RUN: %interrupt --signals 2 --next-stderr "not delivered after" --max-latency-ms 5000 -- %t.O2 | FileCheck %s
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}request pending at the unlock: 1{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: SIGINT not delivered after 1 s: thread {{[0-9]+}} in {{.*}} holds a lock taken in update_table (notice.c:21); ^C again for a hard request, a third time to end the process{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT in {{[a-z_]+}}{{( \(.*\))?$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
// CHECK-NEXT: {{^}}latency_ms:
// CHECK-NEXT: {{^}}signals_sent: 2{{$}}
#include "Inputs/lk.h"

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static __attribute__((noinline)) void update_table(void)
{
  pthread_mutex_lock(&m); /* the notice names this line */
  printf("READY\n");
  fflush(stdout);
  lk_work(1800000000); /* both ^C come meanwhile */
  printf("request pending at the unlock: %d\n", cp_scope_cancel_called(NULL));
  pthread_mutex_unlock(&m);
}

int main(void)
{
  update_table();
  lk_unlocked();
}
