// getline on a pipe (stdin), interrupted by a real SIGINT, and by
// cp_cancel_process from another thread: the wait in libc's read is ended
// at once with the report line naming it, the atexit handler runs, the
// buffered stdout is flushed, exit 130.
// RUN: %cpcc -O0 %s -o %t.O0 -lpthread
// RUN: %python %S/Inputs/prompt_driver.py --blocked 0 --max-latency-ms 1000 -- %t.O0 | FileCheck %s --check-prefixes=CHECK,SIG
// RUN: %cpcc -O2 %s -o %t.O2 -lpthread
// RUN: %python %S/Inputs/prompt_driver.py --blocked 0 --max-latency-ms 1000 -- %t.O2 | FileCheck %s --check-prefixes=CHECK,SIG
// RUN: %python %S/Inputs/prompt_driver.py --signals 0 -- %t.O2 api | FileCheck %s --check-prefixes=CHECK,API
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}buffered before the wait{{$}}
// CHECK-NEXT: {{^}}atexit handler ran{{$}}
// SIG-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT while main waited in read (from {{getline|getdelim}}){{$}}
// API-NEXT: {{^}}stderr: cancelpoints: cancelled by cp_cancel_process while main waited in read (from {{getline|getdelim}}){{$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
// CHECK-NOT: error:
#include <cancelpoints.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

static void bye(void) { printf("atexit handler ran\n"); }
static char main_syscall[64];

// Waits until the initial thread is blocked in read, then cancels the
// process.  Its own reset signal is blocked, and it parks in pause(), so
// the initial thread is the one that takes the request.
static void *canceller(void *arg) {
  (void)arg;
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGURG);
  pthread_sigmask(SIG_BLOCK, &m, NULL);
  for (;;) {
    FILE *f = fopen(main_syscall, "r");
    char buf[64] = "";
    if (f) {
      if (!fgets(buf, sizeof buf, f))
        buf[0] = 0;
      fclose(f);
    }
    if (!strncmp(buf, "0 ", 2))
      break;
    struct timespec ts = {0, 2000000};
    nanosleep(&ts, NULL);
  }
  cp_cancel_process();
  for (;;)
    pause();
}

int main(int argc, char **argv) {
  char *line = NULL;
  size_t cap = 0;
  atexit(bye);
  printf("READY\n");
  fflush(stdout);
  printf("buffered before the wait\n");
  if (argc > 1 && !strcmp(argv[1], "api")) {
    snprintf(main_syscall, sizeof main_syscall, "/proc/self/task/%d/syscall", (int)getpid());
    pthread_t t;
    pthread_create(&t, NULL, canceller, NULL);
  }
  while (getline(&line, &cap, stdin) > 0)
    printf("got %s", line);
  return 0;
}
