// ^C needs no thread of the runtime's: a program that uses no scope runs
// with its own threads only, before and after the request (the notice's
// clock is a timer, and the SIGINT handler sends the reset signals itself),
// so ending it needs no other thread to be scheduled.  The thread count is
// read from /proc/self/task at the prompt and in the exit handler.
// RUN: %cpcc -O0 %s -o %t0
// RUN: %interrupt --timeout 20 -- %t0 | FileCheck %s
// RUN: %cpcc -O2 %s -o %t2
// RUN: %interrupt --timeout 20 -- %t2 | FileCheck %s
// CHECK: {{^}}READY threads=1{{$}}
// CHECK-NEXT: {{^}}atexit threads=1{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT in main{{.*$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

static int threads(void)
{
  int n = 0;
  DIR *d = opendir("/proc/self/task");
  for (struct dirent *e; d && (e = readdir(d));)
    n += e->d_name[0] != '.';
  if (d)
    closedir(d);
  return n;
}

static void bye(void) { printf("atexit threads=%d\n", threads()); }

int main(void)
{
  atexit(bye);
  printf("READY threads=%d\n", threads());
  fflush(stdout);
  volatile unsigned long x = 0;
  for (;;)
    x = x * 31 + 7;
}
