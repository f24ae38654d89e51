// cp_hold/cp_resume by hand: while held, a deadline that passes is not
// seen (cp_check returns 0, the loop's points do not deliver); it lands at
// the first point after cp_resume.  Nested holds count.  Also fork and
// fopencookie, whose callbacks run held, keep working.
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %t.O2 | FileCheck %s
// RUN: env CANCELPOINTS_CHAOS=500 CANCELPOINTS_STATS=1 %t.O2 2> %t.chaos.err | FileCheck %s
// RUN: FileCheck --check-prefix=CHAOS %s < %t.chaos.err
// CHAOS: cancelpoints: stats: signals={{[0-9]+}} resets={{[0-9]+}} chaos_sent={{[1-9][0-9]*}}
// CHECK: held run 0: cancelled after the unlock, lock free
// CHECK-NEXT: held run 1: cancelled after the unlock, lock free
// CHECK-NEXT: held run 2: cancelled after the unlock, lock free
// CHECK-NEXT: cookie: hello
// CHECK-NEXT: child exited 7
#define _GNU_SOURCE
#include "Inputs/lk.h"
#include <sys/wait.h>

static int checks_seen;

static void held(void *arg)
{
  (void)arg;
  cp_hold();
  cp_hold();
  lk_work(LK_HOLD_NS / 2);
  cp_resume(); /* still held once */
  if (cp_check() != 0)
    checks_seen++;
  lk_work(LK_HOLD_NS / 2);
  cp_resume();
  lk_unlocked();
}

static int take(void) { return checks_seen; }
static void give(void) {}

static ssize_t cookie_write(void *c, const char *buf, size_t n)
{
  (void)c;
  lk_work(1000000);
  return write(1, buf, n);
}

int main(void)
{
  alarm(30);
  setvbuf(stdout, NULL, _IONBF, 0);
  lk_held("held", held, NULL, take, give);
  cookie_io_functions_t io = {NULL, cookie_write, NULL, NULL};
  FILE *f = fopencookie(NULL, "w", io);
  LK_CHECK(f);
  fprintf(f, "cookie: hello\n");
  fclose(f);
  pid_t p = fork();
  if (p == 0)
    exit(7);
  int st;
  LK_CHECK(waitpid(p, &st, 0) == p && WIFEXITED(st));
  printf("child exited %d\n", WEXITSTATUS(st));
  return 0;
}
