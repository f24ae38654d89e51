/* shapes.h - loops of the law tests, each with an invariant that holds at
 * every one of its source loop headers (and recursive entries).
 *
 * The law: when an implicit point delivers (a scope's non-local exit, or the
 * root's exit(130)), memory that outlives the cancelled work holds what the
 * source program had written when it last stood at a loop header, and no
 * result of an effect performed since is dropped.  So each shape's check,
 * run after a cancellation, must find its invariant true.
 *
 * Each shape is a function `void shape_X(void *arg)` that runs until it is
 * cancelled, a check `int check_X(void)` (1: the invariant holds; 0: it does
 * not, and law_why says how), and a reset for the next run where the shape
 * needs one, and a progress measure that grows as the loop runs (what the
 * source has written, not what a witness counted): a cancellation after much
 * CPU time that finds it unmoved found memory behind the source.
 * The loops call no function outside the program (no marker, no stdio) where
 * that would keep the optimiser from holding globals in registers: those are
 * the hazards.
 */
#ifndef LAW_SHAPES_H
#define LAW_SHAPES_H
#include <cancelpoints.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define NOINLINE __attribute__((noinline))
/* Checks get no points (so no reset regions: under chaos mode the resets
 * counted are the shapes' own); the pure helpers they share with the shapes
 * are inlined into each. */
#define LAW_CHECK __attribute__((noinline, annotate("cp_nocancel")))
#define PURE static inline __attribute__((always_inline))
#pragma clang diagnostic ignored "-Wunused-function"

static char law_why[512];
static int law_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#include <stdarg.h>
static int law_fail(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(law_why, sizeof law_why, fmt, ap);
  va_end(ap);
  return 0;
}

/* The calling thread's CPU time in nanoseconds: a run that had this much of
 * it and shows no progress at all was cancelled behind the source. */
static int64_t law_cpu_ns(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- take: a while loop whose exit test is an effectful call ----------
 * `while ((x = take()) != 0) t_counted++;`  The source header evaluates the
 * test, before take(): there t_taken == t_counted (and the cursor with it). */
static unsigned long t_cursor, t_taken, t_counted;
NOINLINE static unsigned long take(void)
{
  t_taken++;
  return ++t_cursor;
}
static void shape_take(void *arg)
{
  (void)arg;
  unsigned long x;
  while ((x = take()) != 0)
    t_counted++;
}
LAW_CHECK static int check_take(void)
{
  if (t_taken != t_counted || t_cursor != t_taken)
    return law_fail("taken %lu counted %lu cursor %lu", t_taken, t_counted, t_cursor);
  return 1;
}
LAW_CHECK static unsigned long progress_take(void) { return t_counted; }

/* ---- outer: a promoted outer counter around an effect-free inner loop --
 * The inner loop (a Collatz walk of unknown length) writes nothing.  The
 * outer loop adds its result to o_sum, counts in o_n, and calls tick()
 * (which counts in o_ticks: a witness the optimiser cannot keep in a
 * register across the call).
 * At both headers: o_ticks == o_n and o_sum == sum of walk(k) for k < o_n. */
static unsigned long o_n, o_sum, o_ticks;
PURE unsigned long walk(unsigned long x)
{
  unsigned long steps = 0;
  while (x != 1) {
    x = (x & 1) ? 3 * x + 1 : x / 2;
    steps++;
  }
  return steps;
}
NOINLINE static void tick(void) { o_ticks++; }
static void shape_outer(void *arg)
{
  (void)arg;
  for (;;) {
    unsigned long s = walk(o_n + 27);
    o_sum += s;
    o_n++;
    tick();
  }
}
/* ---- region: the same with the walk out of line -----------------------
 * There the walk's loop is the outermost loop of its function: an
 * effect-free loop, a reset region, which chaos mode resets.  Same globals,
 * same invariant. */
NOINLINE static unsigned long walk_far(unsigned long x) { return walk(x); }
static void shape_region(void *arg)
{
  (void)arg;
  for (;;) {
    unsigned long s = walk_far(o_n + 27);
    o_sum += s;
    o_n++;
    tick();
  }
}
LAW_CHECK static int check_outer(void)
{
  if (o_ticks != o_n)
    return law_fail("ticks %lu n %lu", o_ticks, o_n);
  unsigned long s = 0;
  for (unsigned long k = 0; k < o_n; k++)
    s += walk(k + 27);
  if (s != o_sum)
    return law_fail("n %lu sum %lu expected %lu", o_n, o_sum, s);
  return 1;
}
LAW_CHECK static unsigned long progress_outer(void) { return o_n; }
LAW_CHECK static void reset_outer(void) { o_n = o_sum = o_ticks = 0; }

/* ---- vector: a loop the vectoriser takes, an in-loop store DSE drops ---
 * Round r (= v_rounds) writes v_dst[i] = v_src[i] * (r + 1), adds v_src[i]
 * to v_sum and sets v_cur = i; after the loop v_cur = -1 (so the in-loop
 * store is dead to DSE once it is sunk).  At the inner header with i == p:
 * v_dst[j] == src*(r+1) for j < p, == src*r for j >= p, v_cur == p - 1,
 * v_sum == r * S + src[0] + ... + src[p-1].  A new run resumes at v_cur + 1. */
#define VN 2048
static unsigned v_src[VN], v_dst[VN], v_sum;
static unsigned v_n = VN;
static unsigned long v_rounds;
static long v_cur = -1;
static void vector_init(void)
{
  for (unsigned j = 0; j < VN; j++)
    v_src[j] = j * 7 + 1;
}
static void shape_vector(void *arg)
{
  (void)arg;
  unsigned i = (unsigned)(v_cur + 1); /* a round cut short goes on where it was */
  for (;;) {
    unsigned k = (unsigned)v_rounds + 1;
    unsigned n = v_n;
    for (; i < n; i++) {
      v_dst[i] = v_src[i] * k;
      v_sum += v_src[i];
      v_cur = i;
    }
    v_cur = -1;
    v_rounds++;
    i = 0;
  }
}
LAW_CHECK static int check_vector(void)
{
  unsigned r = (unsigned)v_rounds, p = 0, S = 0, part = 0;
  while (p < VN && v_dst[p] == v_src[p] * (r + 1))
    p++;
  for (unsigned j = p; j < VN; j++)
    if (v_dst[j] != v_src[j] * r)
      return law_fail("round %u: dst[%u] = %u: neither %u (done) nor %u (to do), first to do %u", r, j,
                      v_dst[j], v_src[j] * (r + 1), v_src[j] * r, p);
  for (unsigned j = 0; j < VN; j++) {
    S += v_src[j];
    if (j < p)
      part += v_src[j];
  }
  if (v_cur != (long)p - 1)
    return law_fail("round %u: dst done up to %u but cur %ld", r, p, v_cur);
  if (v_sum != r * S + part)
    return law_fail("round %u: dst done up to %u but sum %u, expected %u", r, p, v_sum, r * S + part);
  return 1;
}
LAW_CHECK static unsigned long progress_vector(void)
{
  unsigned r = (unsigned)v_rounds, p = 0;
  while (p < VN && v_dst[p] == v_src[p] * (r + 1))
    p++;
  return v_rounds * (VN + 1) + p;
}

/* ---- nested: three loops, a log and its length in globals --------------
 * for (i...) for (j < lg_w) { v = mixed(i, j) (an effect-free Collatz walk);
 * lg_log[lg_len % LOGN] = v; lg_len++; }  At every header the ring holds
 * exactly entries [lg_len - LOGN, lg_len) of the sequence, and slots never
 * written hold 0. */
#define LOGN 4096
static unsigned lg_log[LOGN];
static unsigned long lg_len;
static unsigned lg_w = 37;
PURE unsigned mixed(unsigned i, unsigned j)
{
  return ((unsigned)walk((unsigned long)i * 37 + j + 1) * 0x9e3779b9u ^ i ^ (j << 20)) | 1;
}
static void shape_nested(void *arg)
{
  (void)arg;
  for (unsigned i = 0;; i++) {
    for (unsigned j = 0; j < lg_w; j++) {
      unsigned v = mixed(i, j);
      lg_log[lg_len % LOGN] = v;
      lg_len++;
    }
  }
}
LAW_CHECK static int check_nested(void)
{
  unsigned long len = lg_len, k = 0;
  for (unsigned i = 0; k < len; i++)
    for (unsigned j = 0; j < lg_w && k < len; j++, k++)
      if (k + LOGN >= len && lg_log[k % LOGN] != mixed(i, j))
        return law_fail("len %lu: log[%lu] = %u, expected %u", len, k, lg_log[k % LOGN], mixed(i, j));
  for (unsigned long s = len; s < LOGN; s++)
    if (lg_log[s] != 0)
      return law_fail("len %lu: log[%lu] = %u written past the length", len, s, lg_log[s]);
  return 1;
}
LAW_CHECK static unsigned long progress_nested(void) { return lg_len; }
LAW_CHECK static void reset_nested(void)
{
  memset(lg_log, 0, sizeof lg_log);
  lg_len = 0;
}

/* ---- caller: a loop that updates the caller's object through a pointer -
 * The caller's struct outlives the work.  At the header: sum == the sum of
 * h(k) for k < n.  (Nothing else in the loop: once the stores are kept in
 * registers, the loop writes nothing at all.) */
struct acct {
  unsigned long n, sum;
};
PURE unsigned long h64(unsigned long x)
{
  x ^= x >> 31;
  x *= 0x7fb5d329728ea185UL;
  return x ^ (x >> 27);
}
static void shape_caller(void *arg)
{
  struct acct *a = arg;
  for (unsigned long i = a->n;; i++) {
    a->sum += h64(i);
    a->n = i + 1;
  }
}
LAW_CHECK static int check_caller(const struct acct *a)
{
  unsigned long s = 0;
  for (unsigned long k = 0; k < a->n; k++)
    s += h64(k);
  if (s != a->sum)
    return law_fail("n %lu sum %lu expected %lu", a->n, a->sum, s);
  return 1;
}

/* ---- recursion: a global depth and a trail of the active frames --------
 * rec(n) is entered with trail[depth] == n; it descends with depth + 1 and
 * clears its child's slot when done.  At every entry (a point) and every
 * header: trail[0] == root, each trail[k] (0 < k <= depth) is trail[k-1]
 * minus 1 or 2, and every slot past depth is 0. */
#define RMAX 64
static unsigned r_trail[RMAX];
static unsigned r_depth, r_root = 60;
static unsigned long r_leaves;
static unsigned long rec(unsigned n)
{
  if (n < 2) {
    r_leaves++;
    return n;
  }
  r_depth++;
  r_trail[r_depth] = n - 1;
  unsigned long a = rec(n - 1);
  r_trail[r_depth] = n - 2;
  unsigned long b = rec(n - 2);
  r_trail[r_depth] = 0;
  r_depth--;
  return a + b;
}
static unsigned long r_result;
static void shape_rec(void *arg)
{
  (void)arg;
  r_trail[0] = r_root;
  r_result = rec(r_root);
}
LAW_CHECK static int check_rec(void)
{
  if (r_depth >= RMAX)
    return law_fail("depth %u", r_depth);
  if (r_trail[0] != r_root)
    return law_fail("trail[0] = %u", r_trail[0]);
  for (unsigned k = 1; k <= r_depth; k++)
    if (r_trail[k] + 1 != r_trail[k - 1] && r_trail[k] + 2 != r_trail[k - 1])
      return law_fail("depth %u: trail[%u] = %u under trail[%u] = %u", r_depth, k, r_trail[k], k - 1,
                      r_trail[k - 1]);
  for (unsigned k = r_depth + 1; k < RMAX; k++)
    if (r_trail[k] != 0)
      return law_fail("depth %u: trail[%u] = %u past the depth", r_depth, k, r_trail[k]);
  return 1;
}
LAW_CHECK static unsigned long progress_rec(void) { return r_leaves; }
LAW_CHECK static void reset_rec(void)
{
  memset(r_trail, 0, sizeof r_trail);
  r_depth = 0;
}

/* ---- tail: a tail recursion that the optimiser turns into a loop ------
 * tail_rec(k) counts in tr_n and calls tr_tick() (tr_ticks, the witness),
 * then calls itself: at every entry tr_n == tr_ticks. */
static unsigned long tr_n, tr_ticks;
NOINLINE static void tr_tick(void) { tr_ticks++; }
static void tail_rec(unsigned long k)
{
  if (k == 0)
    return;
  tr_n++;
  tr_tick();
  tail_rec(k - 1);
}
static void shape_tail(void *arg)
{
  (void)arg;
  for (;;)
    tail_rec(10000); /* deep enough to run long, shallow enough for -O0's stack */
}
LAW_CHECK static int check_tail(void)
{
  if (tr_n != tr_ticks)
    return law_fail("n %lu ticks %lu", tr_n, tr_ticks);
  return 1;
}
LAW_CHECK static unsigned long progress_tail(void) { return tr_n; }
LAW_CHECK static void reset_tail(void) { tr_n = tr_ticks = 0; }

/* ---- irreducible: a goto cycle entered at two labels ------------------
 * At A and at B (the cycle's entries, and the self-loops' headers):
 * ir_ticks == ir_a + ir_b. */
static unsigned long ir_a, ir_b, ir_ticks;
NOINLINE static void ir_tick(void) { ir_ticks++; }
static void shape_irreducible(void *arg)
{
  (void)arg;
  unsigned long x = ir_a * 3 + ir_b + 1;
  if (x & 1)
    goto B;
A:
  ir_a++;
  ir_tick();
  x = x * 6364136223846793005UL + 1442695040888963407UL;
  if (x >> 63)
    goto A;
B:
  ir_b++;
  ir_tick();
  x = x * 0xd1342543de82ef95UL + 1;
  if (x >> 62 == 3)
    goto B;
  goto A;
}
LAW_CHECK static int check_irreducible(void)
{
  if (ir_ticks != ir_a + ir_b)
    return law_fail("a %lu b %lu ticks %lu", ir_a, ir_b, ir_ticks);
  return 1;
}
LAW_CHECK static unsigned long progress_irreducible(void) { return ir_a + ir_b; }

/* ---- multi: a loop with two exits, its counters kept in registers ------
 * mx_next() hands out 1, 2, 3, ... (mx_ticks, the witness); the inner loop
 * counts and sums them, and leaves either before counting one (finished
 * after it) or after.  At both headers: mx_n == mx_ticks and
 * mx_sum == n (n + 1) / 2. */
static unsigned long mx_n, mx_sum, mx_ticks;
NOINLINE static unsigned long mx_next(void) { return ++mx_ticks; }
static void shape_multi(void *arg)
{
  (void)arg;
  for (;;) {
    unsigned long v;
    for (;;) {
      v = mx_next();
      if (v % 1000 == 0)
        break;
      mx_n++;
      mx_sum += v;
      if ((mx_sum & 0xff) == 0) {
        v = 0;
        break;
      }
    }
    if (v) {
      mx_n++;
      mx_sum += v;
    }
  }
}
LAW_CHECK static int check_multi(void)
{
  if (mx_n != mx_ticks || mx_sum != mx_n * (mx_n + 1) / 2)
    return law_fail("n %lu ticks %lu sum %lu expected %lu", mx_n, mx_ticks, mx_sum, mx_n * (mx_n + 1) / 2);
  return 1;
}
LAW_CHECK static unsigned long progress_multi(void) { return mx_n; }

/* ---- strip: a counted loop of constant trip count, polled per chunk ----
 * for (rep...) { for (i < 1514) { sp_x ^= 7 + i; sp_last = i; }
 * sp_last = -1; sp_rounds++; }  At the inner header with i == p:
 * sp_last == p - 1 and sp_x == (sp_rounds odd ? X(1514) : 0) ^ X(p), where
 * X(p) = 7 ^ 8 ^ ... ^ (7 + p - 1).  (Found by tools/lawfuzz at -Os.) */
static unsigned long sp_x, sp_last = -1UL, sp_rounds;
static void shape_strip(void *arg)
{
  (void)arg;
  for (;;) {
    for (unsigned long i = 0; i < 1514; i++) {
      sp_x ^= 7 + i;
      sp_last = i;
    }
    sp_last = -1UL;
    sp_rounds++;
  }
}
PURE unsigned long xor_upto(unsigned long n) /* 0 ^ 1 ^ ... ^ n */
{
  unsigned long m = n % 4;
  return m == 0 ? n : m == 1 ? 1 : m == 2 ? n + 1 : 0;
}
PURE unsigned long xor_from7(unsigned long p) { return p ? xor_upto(7 + p - 1) ^ xor_upto(6) : 0; }
LAW_CHECK static int check_strip(void)
{
  unsigned long p = sp_last + 1, want = ((sp_rounds & 1) ? xor_from7(1514) : 0) ^ xor_from7(p);
  if (p > 1514 || sp_x != want)
    return law_fail("round %lu: last %ld, x %#lx, expected %#lx", sp_rounds, (long)sp_last, sp_x, want);
  return 1;
}
LAW_CHECK static unsigned long progress_strip(void) { return sp_rounds * 1515 + sp_last + 1; }
LAW_CHECK static void reset_strip(void)
{
  sp_x = sp_rounds = 0;
  sp_last = -1UL;
}

/* ---- feed: a writer thread that fills a pipe with bytes it counts ------
 * The reading shapes take bytes from it; afterwards the rest is drained:
 * what they counted plus what is left must be what was written. */
struct feed {
  int rfd, wfd;
  pthread_t t;
  _Atomic int stop;
  unsigned long written; /* read only after the join */
  unsigned chunk;
};
static void *feed_writer(void *arg)
{
  struct feed *f = arg;
  static const char line[] = "0123456789abcdefghijklmnopqrstuvwxyz\n";
  unsigned k = 0;
  while (!atomic_load_explicit(&f->stop, memory_order_relaxed)) {
    /* fgets wants whole lines; the others take any chunk */
    size_t len = f->chunk ? f->chunk : sizeof line - 1;
    ssize_t r = write(f->wfd, line + (f->chunk ? k++ % 8 : 0), len);
    if (r > 0)
      f->written += (unsigned long)r;
    else if (r < 0 && errno != EINTR)
      break;
  }
  close(f->wfd);
  return NULL;
}
static int feed_start(struct feed *f, unsigned chunk)
{
  int p[2];
  if (pipe(p) != 0)
    return -1;
  f->rfd = p[0];
  f->wfd = p[1];
  f->chunk = chunk;
  f->written = 0;
  atomic_store(&f->stop, 0);
  return pthread_create(&f->t, NULL, feed_writer, f);
}
/* Stops the writer (it may be blocked on a full pipe: the reader drains),
 * joins it after EOF.  drain(arg) returns the bytes it read to EOF. */
static unsigned long feed_stop(struct feed *f, unsigned long (*drain)(void *), void *arg)
{
  atomic_store(&f->stop, 1);
  unsigned long n = drain(arg);
  pthread_join(f->t, NULL);
  return n;
}
static unsigned long drain_fd(void *arg)
{
  int fd = *(int *)arg;
  char buf[4096];
  unsigned long n = 0;
  ssize_t r;
  while ((r = read(fd, buf, sizeof buf)) != 0)
    if (r > 0)
      n += (unsigned long)r;
    else if (errno != EINTR)
      break;
  return n;
}
static unsigned long drain_file(void *arg)
{
  FILE *f = arg;
  char buf[4096];
  unsigned long n = 0;
  size_t r;
  while ((r = fread(buf, 1, sizeof buf, f)) > 0)
    n += r;
  return n;
}

/* ---- read: `while ((n = read(fd, buf, sizeof buf)) > 0) rd_got += n;` --
 * At the header (before the read) rd_got counts every byte taken. */
static int rd_fd;
static unsigned long rd_got;
static void shape_read(void *arg)
{
  (void)arg;
  char buf[13];
  ssize_t n;
  while ((n = read(rd_fd, buf, sizeof buf)) > 0)
    rd_got += (unsigned long)n;
}
/* ---- cp_read: `for (;;) { r = cp_read(...); if (r <= 0) return; got += r; }` */
static void shape_cp_read(void *arg)
{
  (void)arg;
  char buf[13];
  for (;;) {
    ssize_t r = cp_read(rd_fd, buf, sizeof buf);
    if (r <= 0)
      return;
    rd_got += (unsigned long)r;
  }
}
/* ---- getc: `while ((c = getc(f)) != EOF) count++;` on a pipe ----------- */
static FILE *rd_file;
static void shape_getc(void *arg)
{
  (void)arg;
  int c;
  while ((c = getc(rd_file)) != EOF)
    rd_got++;
}
/* ---- fgets: `while (fgets(line, sizeof line, f)) got += strlen(line);` - */
static void shape_fgets(void *arg)
{
  (void)arg;
  char line[64];
  while (fgets(line, sizeof line, rd_file))
    rd_got += strlen(line);
}

/* ---- readdir: rounds over a directory --------------------------------
 * for (;;) { while ((e = readdir(d))) dr_seen++; rewinddir(d); dr_rounds++; }
 * At both headers the entries still to come in this round plus those seen in
 * it make the whole directory: (dr_seen - dr_rounds * K) + rest == K. */
static DIR *dr_dir;
static unsigned long dr_seen, dr_rounds, dr_k;
static void shape_readdir(void *arg)
{
  (void)arg;
  for (;;) {
    struct dirent *e;
    while ((e = readdir(dr_dir)))
      dr_seen++;
    rewinddir(dr_dir);
    dr_rounds++;
  }
}
LAW_CHECK static int check_readdir(void)
{
  unsigned long rest = 0;
  while (readdir(dr_dir))
    rest++;
  unsigned long in_round = dr_seen - dr_rounds * dr_k;
  if (in_round + rest != dr_k)
    return law_fail("entries %lu: rounds %lu seen %lu, %lu in this round + %lu still to come", dr_k,
                    dr_rounds, dr_seen, in_round, rest);
  return 1;
}
LAW_CHECK static unsigned long progress_readdir(void) { return dr_seen; }
LAW_CHECK static void reset_readdir(void)
{
  rewinddir(dr_dir);
  dr_seen = dr_rounds = 0;
}
/* Makes a directory of n files; opens it; counts its entries (with . and ..). */
static int readdir_setup(const char *path, unsigned n)
{
  char name[4096];
  mkdir(path, 0700);
  for (unsigned k = 0; k < n; k++) {
    snprintf(name, sizeof name, "%s/f%u", path, k);
    int fd = open(name, O_CREAT | O_WRONLY, 0600);
    if (fd < 0)
      return -1;
    close(fd);
  }
  if (!(dr_dir = opendir(path)))
    return -1;
  dr_k = 0;
  while (readdir(dr_dir))
    dr_k++;
  rewinddir(dr_dir);
  return 0;
}
#endif
