// CANCELPOINTS_*: valid values take effect; an unknown variable or a
// malformed value gets one line naming it and what is accepted, and the
// default is used.  CANCELPOINTS_PASS_MODE (the compiler plugin's) and CANCELPOINTS_DISABLE
// (cpcc's) are not the runtime's business.
// UNSUPPORTED under TSan: its last RUN line needs chaos mode, which is not
// supported under TSan.
// UNSUPPORTED: tsan
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %t 2>&1 | FileCheck --check-prefix=DEFAULT --implicit-check-not=cancelpoints: %s
// RUN: env CANCELPOINTS_DISABLE=1 CANCELPOINTS_PASS_MODE=poll %t 2>&1 | FileCheck --check-prefix=DEFAULT --implicit-check-not=cancelpoints: %s
// RUN: env CANCELPOINTS_CHAOS=abc CANCELPOINTS_SIGNAL=SIGFOO CANCELPOINTS_SIGINT=maybe \
// RUN:     CANCELPOINTS_STATS=2 CANCELPOINTS_FOO=1 CANCELPOINTS_PASS_MODE=naive %t 2>&1 \
// RUN:   | FileCheck --check-prefix=BAD --implicit-check-not=PASS_MODE %s
// RUN: env CANCELPOINTS_SIGNAL=SIGKILL %t 2>&1 | FileCheck --check-prefix=KILL %s
// RUN: env CANCELPOINTS_SIGNAL=2 %t 2>&1 | FileCheck --check-prefix=INT %s
// RUN: env CANCELPOINTS_SIGNAL=SIGSEGV %t 2>&1 | FileCheck --check-prefix=SEGV %s
// RUN: env CANCELPOINTS_SIGNAL=SIGRTMIN+99 %t 2>&1 | FileCheck --check-prefix=RT99 %s
// RUN: env CANCELPOINTS_CHAOS=-5 %t 2>&1 | FileCheck --check-prefix=NEG %s
// RUN: env CANCELPOINTS_SIGNAL=USR1 CANCELPOINTS_SIGINT=off CANCELPOINTS_PASS_MODE=x %t 2>&1 \
// RUN:   | FileCheck --check-prefix=USR1 --implicit-check-not=cancelpoints: %s
// RUN: env CANCELPOINTS_SIGNAL=SIGUSR2 %t 2>&1 | FileCheck --check-prefix=USR2 %s
// RUN: env CANCELPOINTS_SIGNAL=12 %t 2>&1 | FileCheck --check-prefix=USR2 %s
// RUN: env CANCELPOINTS_SIGNAL=SIGRTMIN+3 %t 2>&1 | FileCheck --check-prefix=RT3 %s
// RUN: env CANCELPOINTS_SIGNAL=rtmax-1 %t 2>&1 | FileCheck --check-prefix=RTMAX1 %s
// RUN: env CANCELPOINTS_CHAOS=100000000 CANCELPOINTS_STATS=1 %t chaos 2>&1 | FileCheck --check-prefix=CHAOS %s
#include <cancelpoints.h>
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int fds[2];

static void *worker(void *arg)
{
  (void)arg;
  if (write(fds[1], "r", 1) != 1)
    return NULL;
  while (cp_check() == 0) {
  }
  return (void *)1;
}

static const char *handler_of(int sig)
{
  struct sigaction sa;
  sigaction(sig, NULL, &sa);
  return (sa.sa_flags & SA_SIGINFO) ? "runtime" : sa.sa_handler == SIG_DFL ? "default" : "other";
}

static int chaos_thread; /* set by main from argv: 1 when chaos mode is on */

int main(int argc, char **argv)
{
  chaos_thread = argc > 1 && strcmp(argv[1], "chaos") == 0;
  alarm(60); /* a broken runtime must fail, not hang */
  int threads = 0;
  DIR *d = opendir("/proc/self/task");
  for (struct dirent *e; d && (e = readdir(d));)
    threads += e->d_name[0] != '.';
  closedir(d);
  /* The runtime adds no thread it does not need: the canceller comes with
   * its SIGINT handler (not installed when SIGINT is ignored at start, as
   * under lit or in a background job), the chaos thread with chaos mode. */
  int want = 1 + (handler_of(SIGINT)[0] == 'r') + (chaos_thread != 0);
  printf("threads at start: %d, SIGINT: %s, expected %d\n", threads, handler_of(SIGINT), want);
  printf("SIGURG: %s, SIGUSR1: %s, SIGUSR2: %s, SIGRTMIN+3: %s, SIGRTMAX-1: %s\n",
         handler_of(SIGURG), handler_of(SIGUSR1), handler_of(SIGUSR2), handler_of(SIGRTMIN + 3),
         handler_of(SIGRTMAX - 1));
  /* Whatever the reset signal is, a request reaches another thread. */
  pthread_t t;
  void *ret = NULL;
  char c;
  if (pipe(fds) || pthread_create(&t, NULL, worker, NULL) || read(fds[0], &c, 1) != 1)
    return 1;
  cp_cancel_process();
  pthread_join(t, &ret);
  printf("request reached the thread: %s\n", ret ? "yes" : "no");
  fflush(stdout);
  return 0;
}
// DEFAULT: threads at start: [[N:[0-9]]], SIGINT: {{[a-z]+}}, expected [[N]]
// DEFAULT-NEXT: SIGURG: runtime, SIGUSR1: default, SIGUSR2: default, SIGRTMIN+3: default, SIGRTMAX-1: default
// DEFAULT-NEXT: request reached the thread: yes

// BAD-DAG: cancelpoints: ignoring CANCELPOINTS_CHAOS=abc: expected a positive integer, the mean microseconds between chaos signals; chaos mode is off
// BAD-DAG: cancelpoints: ignoring CANCELPOINTS_SIGNAL=SIGFOO: expected SIGURG, SIGUSR1, SIGUSR2, SIGRTMIN+n or SIGRTMAX-n (or its number); using SIGURG
// BAD-DAG: cancelpoints: ignoring CANCELPOINTS_SIGINT=maybe: expected on or off; using on
// BAD-DAG: cancelpoints: ignoring CANCELPOINTS_STATS=2: expected 0, 1 or an absolute path; using 0
// BAD-DAG: cancelpoints: ignoring unknown variable CANCELPOINTS_FOO (known: CANCELPOINTS_SIGNAL, CANCELPOINTS_SIGINT, CANCELPOINTS_CHAOS, CANCELPOINTS_STATS)
// BAD: threads at start: [[N:[0-9]]], SIGINT: {{[a-z]+}}, expected [[N]]
// BAD-NEXT: SIGURG: runtime,
// BAD-NEXT: request reached the thread: yes
// BAD-NOT: cancelpoints: stats

// KILL: cancelpoints: ignoring CANCELPOINTS_SIGNAL=SIGKILL: expected SIGURG, {{.*}}; using SIGURG
// KILL: SIGURG: runtime,
// INT: cancelpoints: ignoring CANCELPOINTS_SIGNAL=2: expected
// INT: SIGURG: runtime,
// SEGV: cancelpoints: ignoring CANCELPOINTS_SIGNAL=SIGSEGV: expected
// SEGV: SIGURG: runtime,
// RT99: cancelpoints: ignoring CANCELPOINTS_SIGNAL=SIGRTMIN+99: expected
// RT99: SIGURG: runtime,
// NEG: cancelpoints: ignoring CANCELPOINTS_CHAOS=-5: expected a positive integer
// NEG: threads at start: [[N:[0-9]]], SIGINT: {{[a-z]+}}, expected [[N]]

// USR1: threads at start: [[N:[0-9]]], SIGINT: {{[a-z]+}}, expected [[N]]
// USR1-NEXT: SIGURG: default, SIGUSR1: runtime, SIGUSR2: default, SIGRTMIN+3: default, SIGRTMAX-1: default
// USR1-NEXT: request reached the thread: yes
// USR2: SIGURG: default, SIGUSR1: default, SIGUSR2: runtime, SIGRTMIN+3: default, SIGRTMAX-1: default
// USR2-NEXT: request reached the thread: yes
// RT3: SIGURG: default, SIGUSR1: default, SIGUSR2: default, SIGRTMIN+3: runtime, SIGRTMAX-1: default
// RT3-NEXT: request reached the thread: yes
// RTMAX1: SIGURG: default, SIGUSR1: default, SIGUSR2: default, SIGRTMIN+3: default, SIGRTMAX-1: runtime
// RTMAX1-NEXT: request reached the thread: yes

// CHAOS: threads at start: [[N:[0-9]]], SIGINT: {{[a-z]+}}, expected [[N]]
// CHAOS: request reached the thread: yes
// CHAOS: cancelpoints: stats: signals={{[0-9]+}} resets=0 chaos_sent={{[0-9]+}} requests=1
