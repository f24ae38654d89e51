/* scoped.c - one shape of shapes.h run many times in a scope whose deadline
 * falls at a random instant (every eighth a little later); the shape's
 * invariant is checked after each cancelled run, and a run that had much CPU
 * time must show progress (the reading shapes: after all runs, once the pipe
 * is drained, no byte may be missing).
 *
 * usage: scoped SHAPE RUNS MAX_DEADLINE_US [DIR]
 *   SHAPE: take outer region vector nested caller rec tail irreducible multi strip
 *          read cp_read getc fgets readdir
 *   DIR: a directory to create for readdir
 * Last line: "law OK SHAPE: runs N cancelled N" or "law FAIL SHAPE: ...".
 */
#include "shapes.h"

/* A run with this much CPU time and no progress stalled: every shape writes
 * within microseconds of starting.  A stall is cancelled behind the source
 * only if a second run with the same deadline stalls too: a virtual machine
 * charges a thread now and then for a millisecond it did not run (a stolen
 * CPU, an interrupt), and that does not come twice at the start of a run.
 * Every eighth run gets a long deadline, LONG_NS or more, to be checked so. */
#define BEHIND_NS 1000000
#define LONG_NS 2000000

static uint64_t rng = 0x853c49e6748fea9bULL;
static uint64_t next_random(void)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static struct acct caller_acct;
LAW_CHECK static int check_caller_acct(void) { return check_caller(&caller_acct); }
LAW_CHECK static unsigned long progress_caller(void) { return caller_acct.n; }
LAW_CHECK static void reset_caller(void) { caller_acct.n = caller_acct.sum = 0; }

struct run {
  int r, e, caught; /* cp_scope_run's result and errno, cp_scope_cancelled_caught */
  int stalled;      /* BEHIND_NS of CPU or more, and no progress */
};

/* One run of fn in a new scope whose deadline is `after` from now. */
static struct run run_once(void (*fn)(void *), void *arg, int64_t after, unsigned long (*progress)(void))
{
  struct run u;
  unsigned long p0 = progress ? progress() : 0;
  cp_scope *s = cp_scope_create();
  cp_scope_set_deadline(s, cp_now() + after);
  int64_t c0 = law_cpu_ns();
  u.r = cp_scope_run(s, fn, arg);
  u.e = errno;
  int64_t cpu = law_cpu_ns() - c0;
  u.caught = cp_scope_cancelled_caught(s);
  cp_scope_destroy(s);
  u.stalled = cpu >= BEHIND_NS && progress && progress() == p0;
  return u;
}

int main(int argc, char **argv)
{
  if (argc < 4) {
    fprintf(stderr, "usage: scoped SHAPE RUNS MAX_DEADLINE_US [DIR]\n");
    return 2;
  }
  const char *shape = argv[1];
  long runs = atol(argv[2]);
  int64_t max_ns = atol(argv[3]) * 1000;
  void (*fn)(void *) = NULL;
  void *arg = NULL;
  int (*check)(void) = NULL;
  void (*reset)(void) = NULL;
  unsigned long (*progress)(void) = NULL;
  struct feed feed;
  int reading = 0;
  vector_init();
  if (!strcmp(shape, "take"))
    fn = shape_take, check = check_take, progress = progress_take;
  else if (!strcmp(shape, "outer"))
    fn = shape_outer, check = check_outer, reset = reset_outer, progress = progress_outer;
  else if (!strcmp(shape, "region"))
    fn = shape_region, check = check_outer, reset = reset_outer, progress = progress_outer;
  else if (!strcmp(shape, "vector"))
    fn = shape_vector, check = check_vector, progress = progress_vector;
  else if (!strcmp(shape, "nested"))
    fn = shape_nested, check = check_nested, reset = reset_nested, progress = progress_nested;
  else if (!strcmp(shape, "caller"))
    fn = shape_caller, arg = &caller_acct, check = check_caller_acct, reset = reset_caller,
    progress = progress_caller;
  else if (!strcmp(shape, "rec"))
    fn = shape_rec, check = check_rec, reset = reset_rec, progress = progress_rec;
  else if (!strcmp(shape, "tail"))
    fn = shape_tail, check = check_tail, reset = reset_tail, progress = progress_tail;
  else if (!strcmp(shape, "irreducible"))
    fn = shape_irreducible, check = check_irreducible, progress = progress_irreducible;
  else if (!strcmp(shape, "multi"))
    fn = shape_multi, check = check_multi, progress = progress_multi;
  else if (!strcmp(shape, "strip"))
    fn = shape_strip, check = check_strip, reset = reset_strip, progress = progress_strip;
  else if (!strcmp(shape, "readdir")) {
    if (argc < 5 || readdir_setup(argv[4], 300) != 0) {
      perror("readdir setup");
      return 2;
    }
    fn = shape_readdir, check = check_readdir, reset = reset_readdir, progress = progress_readdir;
  } else if (!strcmp(shape, "read") || !strcmp(shape, "cp_read") || !strcmp(shape, "getc") ||
             !strcmp(shape, "fgets")) {
    reading = 1; /* no progress check: a reader may wait on the pipe; its bytes are counted */
    if (feed_start(&feed, strcmp(shape, "fgets") ? 5 : 0) != 0) {
      perror("feed");
      return 2;
    }
    rd_fd = feed.rfd;
    if (!strcmp(shape, "getc") || !strcmp(shape, "fgets")) {
      rd_file = fdopen(feed.rfd, "r");
      fn = shape[0] == 'g' ? shape_getc : shape_fgets;
    } else
      fn = shape[0] == 'r' ? shape_read : shape_cp_read;
  } else {
    fprintf(stderr, "scoped: unknown shape %s\n", shape);
    return 2;
  }

  long cancelled = 0, violations = 0, stalls = 0;
  for (long k = 0; k < runs; k++) {
    int64_t d = (int64_t)(next_random() % (uint64_t)max_ns);
    int64_t after = k % 8 == 7 ? LONG_NS + d : d;
    struct run u = run_once(fn, arg, after, progress);
    if (u.r == -1 && u.e == ECANCELED && u.caught)
      cancelled++;
    else
      printf("run %ld: cp_scope_run returned %d (%s), caught %d\n", k, u.r, strerror(u.e), u.caught);
    int ok = check ? check() : 1;
    if (ok && u.stalled) {
      stalls++;
      if (reset)
        reset();
      struct run again = run_once(fn, arg, after, progress);
      ok = check ? check() : 1;
      if (ok && again.stalled)
        ok = law_fail("no progress written after %d us of CPU or more, twice with a deadline %ld us away",
                      BEHIND_NS / 1000, (long)(after / 1000));
    }
    if (!ok && ++violations <= (getenv("LAW_VERBOSE") ? 1000 : 3))
      printf("run %ld: %s\n", k, law_why);
    if (reset)
      reset();
  }
  if (reading) {
    unsigned long rest = rd_file ? feed_stop(&feed, drain_file, rd_file)
                                 : feed_stop(&feed, drain_fd, &feed.rfd);
    printf("%s: written %lu, counted %lu, left in the pipe %lu\n", shape, feed.written, rd_got, rest);
    if (rd_got + rest != feed.written) {
      violations++;
      printf("%ld bytes lost\n", (long)(feed.written - rd_got - rest));
    }
  }
  printf("runs that stalled once (%d us of CPU or more, no progress): %ld\n", BEHIND_NS / 1000, stalls);
  if (violations || cancelled != runs)
    printf("law FAIL %s: runs %ld cancelled %ld violations %ld\n", shape, runs, cancelled, violations);
  else
    printf("law OK %s: runs %ld cancelled %ld\n", shape, runs, cancelled);
  return violations || cancelled != runs;
}
