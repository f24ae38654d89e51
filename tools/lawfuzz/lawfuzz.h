/* lawfuzz.h - the support of the programs that gen.py writes: runs each
 * random program many times in a scope with a random deadline, and checks
 * the law after each run by replaying a reference copy of it.
 *
 * The law: when an implicit point delivers, memory that outlives the
 * cancelled work holds what the source had written when it last stood at a
 * loop header (or a recursive function's entry, or a blocking call that is a
 * point), and no result of an effect performed since is dropped.
 *
 * A program's memory (its globals, its caller's object, its heap object,
 * how far it read the pipe) is its state.  After a run, the state observed is
 * compared with the states of the reference at each of those places: the
 * reference is the same source compiled without optimisation and without
 * points, with a hook (HDR) at each place, run from the state the cancelled
 * run started from.  The run holds the law if the reference passes through
 * the observed state; a run that completed must end in the reference's final
 * state.  A run that had much CPU time and left the state untouched, twice
 * with the same deadline, was cancelled behind the source (every loop
 * writes at once).
 */
#ifndef LAWFUZZ_H
#define LAWFUZZ_H
#include <cancelpoints.h>
#include <errno.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define NOINLINE __attribute__((noinline))
#define LOGN 16
#define HEAPN 16
#define STREAM_MAX 4096
/* CPU time after which a run must have written something */
#define LF_BEHIND_NS 300000
/* ... if the reference changes its state within this many points */
#define LF_BEHIND_VISITS 1000

/* One random program: its code under test, and its reference. */
struct lf_prog {
  const char *name;
  size_t size;   /* of its state struct; the first field is the pipe position */
  int uses_pipe;
  int monotone; /* a counter of steps: its state never comes back */
  void (*work)(void *obj);                    /* under test, run in a scope */
  size_t obj_size;                            /* its caller's object */
  void (*snap)(void *state, const void *obj); /* its memory -> a state */
  void (*load)(const void *state, void *obj); /* a state -> its memory */
  void (*ref_work)(void);                     /* the reference */
  void *ref_state;                            /* the reference's memory */
};

static int lf_rfd = -1, lf_wfd = -1;
static unsigned char lf_stream[STREAM_MAX];
static unsigned long lf_stream_len;
static uint64_t lf_rng = 0x9e3779b97f4a7c15ULL;
static uint64_t lf_random(void)
{
  lf_rng ^= lf_rng << 13;
  lf_rng ^= lf_rng >> 7;
  lf_rng ^= lf_rng << 17;
  return lf_rng;
}

/* ---- the reference's side (never instrumented, never optimised) ------- */
#pragma clang optimize off
#pragma clang attribute push(__attribute__((annotate("cp_nocancel"), noinline)), apply_to = function)
static jmp_buf lf_jmp;
static const void *lf_obs;
static const void *lf_ref;
static size_t lf_size;
static unsigned long lf_visits, lf_budget = 2000000000;
static int lf_site;
enum { LF_MATCH = 1, LF_BUDGET, LF_BLOCKED, LF_ENDED };
static int lf_until_change; /* replay mode: stop at the first change from lf_obs */
static void lf_hdr(int site)
{
  lf_site = site;
  if ((memcmp(lf_ref, lf_obs, lf_size) == 0) != lf_until_change)
    longjmp(lf_jmp, LF_MATCH);
  if (++lf_visits > lf_budget)
    longjmp(lf_jmp, LF_BUDGET);
}
static long lf_ref_read(unsigned long *pos, unsigned char *buf, unsigned long n)
{
  if (*pos >= lf_stream_len)
    longjmp(lf_jmp, LF_BLOCKED); /* the pipe is empty: read() would block */
  unsigned long k = lf_stream_len - *pos < n ? lf_stream_len - *pos : n;
  memcpy(buf, lf_stream + *pos, k);
  *pos += k;
  return (long)k;
}
/* Runs the reference from `from`: where does it pass through `obs` (or,
 * with until_change, where does its state first differ from `obs`)? */
static int lf_replay(const struct lf_prog *p, const void *from, const void *obs, int until_change, int *site)
{
  static volatile int status;
  memcpy(p->ref_state, from, p->size);
  lf_obs = obs;
  lf_ref = p->ref_state;
  lf_size = p->size;
  lf_visits = 0;
  lf_site = -1;
  lf_until_change = until_change;
  status = setjmp(lf_jmp);
  if (status == 0) {
    p->ref_work();
    status = LF_ENDED;
  }
  *site = lf_site;
  return status;
}
static void lf_print_state(const char *what, const unsigned long *s, size_t size)
{
  printf("  %s:", what);
  for (size_t k = 0; k < size / sizeof *s; k++)
    printf(" %lx", s[k]);
  printf("\n");
}
#pragma clang attribute pop
#pragma clang optimize on

static int64_t lf_cpu_ns(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static long lf_runs, lf_cancelled, lf_violations, lf_programs_bad;
static int64_t lf_max_ns = 400000;
static int lf_selftest; /* corrupt one observation: the check must see it */

/* One run of p's work on obj, in a scope whose deadline is `after` ns away,
 * with lf_stream in the pipe; the state it leaves goes to obs.  Returns
 * cp_scope_run's result. */
static int lf_run_once(const struct lf_prog *p, void *obj, int64_t after, unsigned long *obs, int64_t *cpu)
{
  if (p->uses_pipe && write(lf_wfd, lf_stream, lf_stream_len) != (ssize_t)lf_stream_len) {
    perror("write");
    exit(2);
  }
  cp_scope *s = cp_scope_create();
  cp_scope_set_deadline(s, cp_now() + after);
  int64_t c0 = lf_cpu_ns();
  int rc = cp_scope_run(s, p->work, obj);
  *cpu = lf_cpu_ns() - c0;
  cp_scope_destroy(s);
  p->snap(obs, obj);
  obs[0] = 0;
  if (p->uses_pipe) {
    int left = 0;
    ioctl(lf_rfd, FIONREAD, &left);
    obs[0] = lf_stream_len - (unsigned long)left;
    unsigned char junk[STREAM_MAX];
    if (left > 0 && read(lf_rfd, junk, (size_t)left) != left) {
      perror("read");
      exit(2);
    }
  }
  return rc;
}

/* A cancelled run of a program with a step counter that had much CPU time
 * and left its state untouched stalled.  It was cancelled behind the source
 * only if the same run stalls again: a virtual machine charges a thread now
 * and then for a millisecond it did not run (a stolen CPU, an interrupt),
 * and that does not come twice at the start of a run. */
static const char lf_stall[] = "stalled";

/* Why the run from init that left obs broke the law; NULL if it did not. */
static const char *lf_judge(const struct lf_prog *p, long r, const unsigned long *init, const unsigned long *obs,
                            int rc, int64_t cpu, int *st)
{
  int site = -1;
  *st = lf_replay(p, init, obs, 0, &site);
  unsigned long visits = lf_visits;
  if (getenv("LAWFUZZ_VERBOSE"))
    printf("%s: run %ld: cp_scope_run %d, %ld us of CPU, replay %d at site %d after %lu visits\n", p->name,
           r, rc, (long)(cpu / 1000), *st, site, visits);
  if (*st == LF_ENDED && memcmp(obs, p->ref_state, p->size) != 0)
    return "no point of the reference holds this state (it ran to its end)";
  if (*st == LF_ENDED && rc != 0)
    return "cancelled, yet it holds only the final state, which is no point";
  if (*st == LF_BUDGET)
    return "no point of the reference holds this state (budget exhausted)";
  if (*st == LF_BLOCKED)
    return "no point of the reference holds this state (it blocked on the empty pipe)";
  if (*st != LF_MATCH && *st != LF_ENDED)
    return "no point of the reference holds this state";
  if (p->monotone && rc != 0 && cpu >= LF_BEHIND_NS && memcmp(obs, init, p->size) == 0) {
    /* The state it started from: fine only if the reference keeps it long. */
    int s2;
    if (lf_replay(p, init, init, 1, &s2) == LF_MATCH && lf_visits < LF_BEHIND_VISITS)
      return lf_stall;
  }
  return NULL;
}

/* Runs p `runs` times; 0 if every run held the law. */
static int lf_run(const struct lf_prog *p, long runs)
{
  static unsigned long init[2048], obs[2048];
  void *obj = calloc(1, p->obj_size); /* the caller's object: outlives the work */
  if (p->size > sizeof init || !obj) {
    printf("%s: state too large\n", p->name);
    return 1;
  }
  memset(init, 0, sizeof init);
  p->load(init, obj);
  for (long r = 0; r < runs; r++) {
    p->snap(init, obj);
    init[0] = 0;
    if (p->uses_pipe) {
      lf_stream_len = lf_random() % STREAM_MAX;
      for (unsigned long k = 0; k < lf_stream_len; k++)
        lf_stream[k] = (unsigned char)(k * 131 + (unsigned long)r * 17 + 7);
    }
    int64_t after = (int64_t)(lf_random() % (uint64_t)lf_max_ns), cpu;
    int rc = lf_run_once(p, obj, after, obs, &cpu), st;
    lf_runs++;
    if (rc != 0)
      lf_cancelled++;
    if (lf_selftest && r == runs / 2)
      obs[1 + lf_random() % (p->size / sizeof *obs - 1)] ^= 1UL << (48 + lf_random() % 15); /* a value no counter reaches */
    const char *why = lf_judge(p, r, init, obs, rc, cpu, &st);
    if (why == lf_stall) {
      p->load(init, obj);
      rc = lf_run_once(p, obj, after, obs, &cpu);
      why = lf_judge(p, r, init, obs, rc, cpu, &st);
      if (why == lf_stall)
        why = "nothing written after much CPU time, twice with the same deadline, yet the reference writes "
              "within a few points";
    }
    if (why) {
      lf_violations++;
      printf("%s: VIOLATION in run %ld (cp_scope_run %d, %ld us of CPU): %s\n", p->name, r, rc,
             (long)(cpu / 1000), why);
      lf_print_state("started from", init, p->size);
      lf_print_state("observed    ", obs, p->size);
      if (st == LF_ENDED)
        lf_print_state("ref's end   ", p->ref_state, p->size);
      lf_programs_bad++;
      free(obj);
      return 1;
    }
    /* the next run starts from what this one left */
    p->load(obs, obj);
  }
  free(obj);
  return 0;
}

static void lf_begin(int argc, char **argv, long *runs)
{
  *runs = argc > 1 ? atol(argv[1]) : 10;
  if (argc > 2)
    lf_max_ns = atol(argv[2]) * 1000;
  if (argc > 3)
    lf_rng ^= (uint64_t)atol(argv[3]) * 0x2545F4914F6CDD1DULL;
  lf_selftest = getenv("LAWFUZZ_SELFTEST") != NULL;
  int fds[2];
  if (pipe(fds) != 0) {
    perror("pipe");
    exit(2);
  }
  lf_rfd = fds[0];
  lf_wfd = fds[1];
  setvbuf(stdout, NULL, _IOLBF, 0);
}

static int lf_end(int programs)
{
  printf("lawfuzz: programs %d runs %ld cancelled %ld violations %ld\n", programs, lf_runs, lf_cancelled,
         lf_violations);
  return lf_violations != 0;
}
#endif
