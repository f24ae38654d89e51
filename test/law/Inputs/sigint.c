/* sigint.c - one shape of shapes.h run in the root scope until ^C.
 *
 * usage: sigint SHAPE    (take outer region vector nested caller rec tail
 *                         irreducible multi strip)
 * After the process has had 20 ms of CPU time (the shape's loop is running:
 * nothing else runs), a SIGVTALRM handler prints READY; a real SIGINT then
 * makes the root scope exit(130) from an implicit point, and the atexit
 * handler checks the shape's invariant and that the loop's writes are there
 * at all: "law OK SHAPE: ..." or "law FAIL SHAPE: ...".
 */
#include "shapes.h"
#include <signal.h>
#include <sys/syscall.h>
#include <sys/time.h>

static const char *shape;
static struct acct caller_acct;

static void ready(int sig)
{
  (void)sig;
  /* the raw system call: a plain write() would be a point (a redirected call) */
  syscall(SYS_write, 1, "READY\n", 6);
}

static void report(void)
{
  int ok = 0;
  unsigned long progress = 0;
  char state[256] = "";
  if (!strcmp(shape, "take")) {
    ok = check_take();
    progress = progress_take();
    snprintf(state, sizeof state, "taken %lu counted %lu", t_taken, t_counted);
  } else if (!strcmp(shape, "outer") || !strcmp(shape, "region")) {
    ok = check_outer();
    progress = progress_outer();
    snprintf(state, sizeof state, "n %lu ticks %lu", o_n, o_ticks);
  } else if (!strcmp(shape, "vector")) {
    ok = check_vector();
    progress = progress_vector();
    snprintf(state, sizeof state, "rounds %lu cur %ld", v_rounds, v_cur);
  } else if (!strcmp(shape, "nested")) {
    ok = check_nested();
    progress = progress_nested();
    snprintf(state, sizeof state, "len %lu", lg_len);
  } else if (!strcmp(shape, "caller")) {
    ok = check_caller(&caller_acct);
    progress = caller_acct.n;
    snprintf(state, sizeof state, "n %lu", caller_acct.n);
  } else if (!strcmp(shape, "rec")) {
    ok = check_rec();
    progress = progress_rec();
    snprintf(state, sizeof state, "depth %u leaves %lu", r_depth, r_leaves);
  } else if (!strcmp(shape, "tail")) {
    ok = check_tail();
    progress = progress_tail();
    snprintf(state, sizeof state, "n %lu ticks %lu", tr_n, tr_ticks);
  } else if (!strcmp(shape, "irreducible")) {
    ok = check_irreducible();
    progress = progress_irreducible();
    snprintf(state, sizeof state, "a %lu b %lu ticks %lu", ir_a, ir_b, ir_ticks);
  } else if (!strcmp(shape, "multi")) {
    ok = check_multi();
    progress = progress_multi();
    snprintf(state, sizeof state, "n %lu ticks %lu", mx_n, mx_ticks);
  } else if (!strcmp(shape, "strip")) {
    ok = check_strip();
    progress = progress_strip();
    snprintf(state, sizeof state, "rounds %lu last %ld", sp_rounds, (long)sp_last);
  }
  if (ok && progress == 0)
    ok = law_fail("%s: nothing written after 20 ms of CPU in the loop", state);
  if (ok)
    printf("law OK %s: %s\n", shape, state);
  else
    printf("law FAIL %s: %s\n", shape, law_why);
}

int main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: sigint SHAPE\n");
    return 2;
  }
  shape = argv[1];
  vector_init();
  atexit(report);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = ready;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGVTALRM, &sa, NULL);
  struct itimerval it = {{0, 0}, {0, 20000}};
  setitimer(ITIMER_VIRTUAL, &it, NULL);
  if (!strcmp(shape, "take"))
    shape_take(NULL);
  else if (!strcmp(shape, "outer"))
    shape_outer(NULL);
  else if (!strcmp(shape, "region"))
    shape_region(NULL);
  else if (!strcmp(shape, "vector"))
    shape_vector(NULL);
  else if (!strcmp(shape, "nested"))
    shape_nested(NULL);
  else if (!strcmp(shape, "caller"))
    shape_caller(&caller_acct);
  else if (!strcmp(shape, "rec"))
    shape_rec(NULL);
  else if (!strcmp(shape, "tail"))
    shape_tail(NULL);
  else if (!strcmp(shape, "irreducible"))
    shape_irreducible(NULL);
  else if (!strcmp(shape, "multi"))
    shape_multi(NULL);
  else if (!strcmp(shape, "strip"))
    shape_strip(NULL);
  else {
    fprintf(stderr, "sigint: unknown shape %s\n", shape);
    return 2;
  }
  printf("the shape returned\n");
  return 1;
}
