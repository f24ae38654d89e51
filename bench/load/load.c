/* load.c - the runtime under load and faults: a server-like program.
 *
 *   cpcc -O2 load.c -o load -ldl && ./load [options]
 *     -t SECONDS   how long the measured phase runs (default 60)
 *     -r RATE      scopes per second to aim at, all workers together (10000)
 *     -w WORKERS   worker threads, each with its own loopback TCP connection (4)
 *     -s HZ        a signal storm: a child process sends SIGURG to this one
 *                  HZ times a second (0: none)
 *     -F           no faults thread (fork, exec, posix_spawn, dlopen)
 *     -f MASK      only some faults: 1 fork, 2 exec, 4 posix_spawn, 8 dlopen (15)
 *
 * Each worker runs requests back to back: a scope, work in it that the
 * scope's deadline or the program's canceller thread (a random instant)
 * may cancel, the scope destroyed.  The work computes (implicit points)
 * and sends chunks of a byte stream to an echo thread over a TCP socket on
 * the loopback, reading the echo back and checking every byte against the
 * stream's pattern; half the requests use cp_write/cp_read (explicit
 * points), half plain write/read (redirected by the pass).  One request in
 * 64 also starts a thread in its scope.  A compute worker runs requests that
 * only compute, each ended by its 200 us deadline inside an effect-free loop
 * (where chaos mode's resets land).  Meanwhile a faults thread forks,
 * execs, posix_spawns (this program with -C: a child that a scope's
 * deadline must cancel) and dlopens.
 *
 * The figures go to stderr; stdout says only what must hold, so a run
 * under a signal storm or in chaos mode prints the same lines:
 *   bytes: ok     every byte sent was echoed and read back in order; none
 *                 lost: sent = echoed = read, and sent + unsent = meant
 *   stuck: none   no worker went 10 s without finishing a request, nor the
 *                 faults thread without finishing a fork, exec, spawn or dlopen
 *   memory: flat  after the run, the threads and the open fds are as they
 *                 were after the warm-up, the heap in use (mallinfo2) grew
 *                 by less than HEAP_SLACK, RSS by less than 1 MiB
 *   faults: ok    every fork, exec, spawn and dlopen did what it should
 * A failure prints its reason and exits 1 (a stuck worker: abort).
 */
#define _GNU_SOURCE
#include <cancelpoints.h>
#include <cancelpoints_io.h>
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define MAX_WORKERS 32
#define CHUNK_MAX   2048
#define STUCK_NS    10000000000LL
#define CANCELLER_NAP_NS 100000 /* the canceller's longest sleep */
/* What glibc keeps of threads that have ended, whatever their number: ld.so's
 * TLS vector (320 bytes) of each stack in its cache of thread stacks, and
 * what malloc arenas made for a new peak of threads hold (measured: up to
 * 16 KiB in 2 s runs under the storm, the same in 60 s runs).  A record
 * leaked per request (a scope, a thread's start record: more than 16 bytes
 * each) exceeds it within the first 4,000 requests. */
#define HEAP_SLACK  (64 * 1024)

enum { EXT_IDLE, EXT_ARMED, EXT_TAKEN, EXT_DONE };

struct worker {
  int id, fd, echo_fd;
  uint64_t rng;
  /* the byte stream: written (accepted by the kernel), read back and checked */
  uint64_t w_off, r_off, meant, unsent;
  uint64_t requests, cancelled, by_deadline, by_canceller, threads;
  uint64_t sink;
  int explicit_io, bad;
  /* the canceller's slot: a scope to cancel at an instant */
  _Atomic int ext_state;
  cp_scope *ext_scope;
  int64_t ext_at;
  _Atomic uint64_t beat;   /* requests finished, for the watchdog */
  _Atomic int park;        /* asked to stop at the next request boundary */
  _Atomic int parked;
  /* the echo thread's counts */
  _Atomic uint64_t echoed_in, echoed_out;
  pthread_t th, echo_th;
};

static struct worker workers[MAX_WORKERS];
static int nworkers = 4;
static double rate = 10000;
static _Atomic int stop_all, stop_canceller, stop_faults, faults_park, faults_parked;
static _Atomic uint64_t forks, execs, spawns, dlopens, fault_bad, faults_beat;
static int faults_on = 1;
static char self_path[4096];
static unsigned fault_mask = 15; /* fork, exec, posix_spawn, dlopen */

static uint64_t rnd(uint64_t *s)
{
  uint64_t x = *s;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *s = x;
  return x * 2685821657736338717ULL;
}

static inline unsigned char pattern(uint64_t off)
{
  return (unsigned char)(off * 131 + (off >> 8) + (off >> 17));
}

static void fail(const char *what)
{
  printf("FAIL: %s\n", what);
  fflush(stdout);
  exit(1);
}

/* ---- the work of one request, in its scope -------------------------- */
struct req {
  struct worker *w;
  int chunks;
  unsigned spin;
  size_t len[4];
  int spawn;
};

static void *scope_thread(void *arg)
{
  struct worker *w = arg;
  uint64_t h = w->rng;
  for (unsigned i = 0; i < 200000; i++) /* cancelled at its points, or done */
    h = h * 6364136223846793005ULL + 1;
  return (void *)(uintptr_t)(h & 1);
}

/* Checks what was read against the stream, whole: no point inside, so a
 * request never leaves it half-way (the read's bytes are counted before). */
CP_NOCANCEL static void check_bytes(struct worker *w, const unsigned char *buf, size_t n, uint64_t off)
{
  for (size_t i = 0; i < n; i++)
    if (buf[i] != pattern(off + i))
      w->bad = 1;
}

static void catch_up(struct worker *w)
{
  unsigned char buf[CHUNK_MAX];
  while (w->r_off < w->w_off) {
    size_t want = w->w_off - w->r_off;
    if (want > sizeof buf)
      want = sizeof buf;
    ssize_t m = w->explicit_io ? cp_read(w->fd, buf, want) : read(w->fd, buf, want);
    if (m < 0) {
      if (errno == ECANCELED && w->explicit_io)
        return; /* nothing read */
      fail("read");
    }
    if (m == 0)
      fail("read: the echo closed the connection");
    uint64_t off = w->r_off;
    w->r_off += (uint64_t)m; /* counted before anything can leave */
    check_bytes(w, buf, (size_t)m, off);
  }
}

static void work(void *arg)
{
  struct req *q = arg;
  struct worker *w = q->w;
  if (q->spawn && cp_thread_create(cp_scope_current(), NULL, scope_thread, w) == 0)
    w->threads++;
  for (int k = 0; k < q->chunks; k++) {
    uint64_t h = w->sink;
    for (unsigned i = 0; i < q->spin; i++)
      h = h * 6364136223846793005ULL + 1442695040888963407ULL;
    w->sink = h;
    unsigned char buf[CHUNK_MAX];
    size_t len = q->len[k];
    for (size_t i = 0; i < len; i++)
      buf[i] = pattern(w->w_off + i);
    ssize_t n = w->explicit_io ? cp_write(w->fd, buf, len) : write(w->fd, buf, len);
    if (n < 0) {
      if (errno == ECANCELED && w->explicit_io)
        return; /* nothing written */
      fail("write");
    }
    w->w_off += (uint64_t)n;
    w->unsent -= (uint64_t)n;
    if (w->explicit_io && cp_check() < 0)
      return;
    catch_up(w);
    if (w->explicit_io && w->r_off < w->w_off)
      return; /* the read was cancelled */
  }
}

static void *worker_main(void *arg)
{
  struct worker *w = arg;
  int64_t period = (int64_t)(1e9 * nworkers / rate);
  int64_t next = cp_now();
  while (!atomic_load(&stop_all)) {
    if (atomic_load(&w->park)) {
      atomic_store(&w->parked, 1);
      while (atomic_load(&w->park) && !atomic_load(&stop_all))
        usleep(1000);
      atomic_store(&w->parked, 0);
      next = cp_now();
      continue;
    }
    /* pace: at most RATE/WORKERS requests a second */
    int64_t now = cp_now();
    if (now < next) {
      struct timespec ts = {0, (long)(next - now)};
      nanosleep(&ts, NULL);
    } else if (now - next > 1000000000) {
      next = now; /* a second behind: do not build a burst */
    }
    next += period;

    struct req q = {.w = w};
    uint64_t r = rnd(&w->rng);
    q.chunks = 1 + (int)(r & 3);
    q.spin = (unsigned)(rnd(&w->rng) % 20000);
    q.spawn = (rnd(&w->rng) & 63) == 0;
    for (int k = 0; k < q.chunks; k++) {
      q.len[k] = 1 + rnd(&w->rng) % CHUNK_MAX;
      w->meant += q.len[k];
      w->unsent += q.len[k];
    }
    w->explicit_io = (int)(rnd(&w->rng) & 1);
    int mode = (int)(rnd(&w->rng) % 5); /* 0,1: deadline; 2,3: canceller; 4: none */
    int64_t at = cp_now() + (int64_t)(rnd(&w->rng) % 60000);

    cp_scope *s = cp_scope_create();
    if (!s)
      fail("cp_scope_create");
    if (mode < 2) {
      cp_scope_set_deadline(s, at);
    } else if (mode < 4) {
      w->ext_scope = s;
      w->ext_at = at;
      atomic_store(&w->ext_state, EXT_ARMED);
    }
    int rc = cp_scope_run(s, work, &q);
    if (rc != 0 && errno != ECANCELED)
      fail("cp_scope_run");
    if (mode >= 2 && mode < 4) {
      int expect = EXT_ARMED;
      if (!atomic_compare_exchange_strong(&w->ext_state, &expect, EXT_IDLE)) {
        while (atomic_load(&w->ext_state) != EXT_DONE)
          sched_yield();
        atomic_store(&w->ext_state, EXT_IDLE);
      }
    }
    if (q.spawn) {
      cp_scope_cancel(s);
      cp_scope_join(s, -1);
    }
    if (rc != 0) {
      w->cancelled++;
      if (cp_scope_cancel_cause(s) == CP_CAUSE_DEADLINE)
        w->by_deadline++;
      else
        w->by_canceller++;
    }
    cp_scope_destroy(s);
    w->requests++;
    atomic_fetch_add(&w->beat, 1);
  }
  return NULL;
}

/* ---- the compute worker: requests that only compute, each ended by its
 * deadline (200 us) inside an effect-free loop: where chaos mode's resets
 * land, and a deadline is delivered from a reset region. */
static _Atomic int stop_compute;
static _Atomic uint64_t computed;

static void compute_forever(void *arg)
{
  uint64_t h = (uint64_t)(uintptr_t)arg, *out = arg;
  for (;;)
    h = h * 6364136223846793005ULL + 1442695040888963407ULL;
  *out = h;
}

static void *compute_main(void *arg)
{
  (void)arg;
  while (!atomic_load(&stop_compute)) {
    uint64_t h = 1;
    cp_scope *s = cp_scope_create();
    cp_scope_set_deadline(s, cp_now() + 200000);
    int rc = cp_scope_run(s, compute_forever, &h);
    if (rc != -1 || errno != ECANCELED || cp_scope_cancel_cause(s) != CP_CAUSE_DEADLINE)
      fail("compute: not ended by its deadline");
    cp_scope_destroy(s);
    atomic_fetch_add(&computed, 1);
    struct timespec ts = {0, 200000};
    nanosleep(&ts, NULL);
  }
  return NULL;
}

/* ---- the echo side: one thread per connection, outside any scope ------ */
static void *echo_main(void *arg)
{
  struct worker *w = arg;
  unsigned char buf[16384];
  for (;;) {
    ssize_t n = read(w->echo_fd, buf, sizeof buf);
    if (n <= 0)
      break;
    atomic_fetch_add(&w->echoed_in, (uint64_t)n);
    for (ssize_t off = 0; off < n;) {
      ssize_t m = write(w->echo_fd, buf + off, (size_t)(n - off));
      if (m <= 0)
        fail("echo write");
      off += m;
    }
    atomic_fetch_add(&w->echoed_out, (uint64_t)n);
  }
  shutdown(w->echo_fd, SHUT_WR);
  return NULL;
}

/* ---- the canceller: cancels armed scopes at their instant ------------- */
static void *canceller_main(void *arg)
{
  (void)arg;
  while (!atomic_load(&stop_canceller)) {
    int64_t now = cp_now(), next = now + CANCELLER_NAP_NS;
    for (int i = 0; i < nworkers; i++) {
      struct worker *w = &workers[i];
      if (atomic_load(&w->ext_state) != EXT_ARMED)
        continue;
      if (now < w->ext_at) {
        if (w->ext_at < next)
          next = w->ext_at;
        continue;
      }
      int expect = EXT_ARMED;
      if (atomic_compare_exchange_strong(&w->ext_state, &expect, EXT_TAKEN)) {
        cp_scope_cancel(w->ext_scope);
        atomic_store(&w->ext_state, EXT_DONE);
      }
    }
    /* until the nearest armed instant: one armed later is late by a nap */
    if (next > now) {
      struct timespec ts = {0, (long)(next - now)};
      nanosleep(&ts, NULL);
    }
  }
  return NULL;
}

/* -C: the child that fork+exec and posix_spawn start: a scope whose deadline
 * must end an endless loop. */
static void child_spin(void *arg)
{
  uint64_t *h = arg;
  for (;;)
    *h = *h * 6364136223846793005ULL + 1;
}

static int child_main(void)
{
  prctl(PR_SET_PDEATHSIG, SIGKILL); /* a stuck child must not outlive a failed run */
  uint64_t h = 1;
  cp_scope *s = cp_scope_create();
  cp_scope_set_deadline(s, cp_now() + 2000000);
  int rc = cp_scope_run(s, child_spin, &h);
  int ok = rc == -1 && errno == ECANCELED && cp_scope_cancel_cause(s) == CP_CAUSE_DEADLINE;
  cp_scope_destroy(s);
  return ok ? 0 : 3;
}

/* ---- faults: fork, exec, posix_spawn, dlopen while requests run ------- */
static void wait_ok(pid_t pid, const char *what)
{
  int st;
  pid_t r;
  while ((r = waitpid(pid, &st, 0)) < 0 && errno == EINTR)
    ;
  if (r != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
    fprintf(stderr, "load: %s: child status %d\n", what, r == pid ? st : -1);
    atomic_fetch_add(&fault_bad, 1);
  }
}

static void *faults_main(void *arg)
{
  (void)arg;
  char *argv[] = {self_path, "-C", NULL};
  for (unsigned n = 0; !atomic_load(&stop_faults); n++) {
    if (atomic_load(&faults_park)) {
      atomic_store(&faults_parked, 1);
      while (atomic_load(&faults_park) && !atomic_load(&stop_faults))
        usleep(1000);
      atomic_store(&faults_parked, 0);
      continue;
    }
    pid_t pid;
    if (!(fault_mask & (1u << (n % 4)))) {
      usleep(1000);
      continue;
    }
    switch (n % 4) {
    case 0: /* fork: the child runs a scope of its own, then leaves */
      pid = fork();
      if (pid == 0)
        _exit(child_main());
      if (pid < 0)
        atomic_fetch_add(&fault_bad, 1);
      else
        wait_ok(pid, "fork");
      atomic_fetch_add(&forks, 1);
      break;
    case 1: /* fork + exec of this program as the child */
      pid = fork();
      if (pid == 0) {
        execve(self_path, argv, environ);
        _exit(127);
      }
      if (pid < 0)
        atomic_fetch_add(&fault_bad, 1);
      else
        wait_ok(pid, "exec");
      atomic_fetch_add(&execs, 1);
      break;
    case 2:
      if (posix_spawn(&pid, self_path, NULL, NULL, argv, environ) != 0)
        atomic_fetch_add(&fault_bad, 1);
      else
        wait_ok(pid, "posix_spawn");
      atomic_fetch_add(&spawns, 1);
      break;
    case 3: {
      void *h = dlopen("libm.so.6", RTLD_NOW | RTLD_LOCAL);
      double (*f)(double) = h ? (double (*)(double))dlsym(h, "cos") : NULL;
      if (!f || f(0.0) != 1.0)
        atomic_fetch_add(&fault_bad, 1);
      if (h)
        dlclose(h);
      atomic_fetch_add(&dlopens, 1);
      break;
    }
    }
    atomic_fetch_add(&faults_beat, 1);
    usleep(5000);
  }
  return NULL;
}

/* ---- the storm: a child process that sends SIGURG at a rate ---------- */
static pid_t storm_pid;

static pid_t storm_start(double hz, int report_fd)
{
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid != 0)
    return pid;
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  sigset_t all;
  sigfillset(&all);
  sigdelset(&all, SIGTERM);
  pthread_sigmask(SIG_SETMASK, &all, NULL);
  signal(SIGTERM, SIG_DFL);
  int64_t step = (int64_t)(1e9 / hz), next = cp_now();
  uint64_t sent = 0;
  for (;;) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    int64_t now = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
    if (now < next)
      continue;
    next += step;
    if (now - next > 1000000)
      next = now;
    if (kill(parent, SIGURG) != 0)
      break;
    if ((++sent & 1023) == 0)
      (void)!write(report_fd, &sent, sizeof sent);
  }
  _exit(0);
}

/* ---- what the process holds ------------------------------------------ */
struct snap {
  long rss_kb;
  size_t heap;
  int threads, fds;
};

static int count_dir(const char *path)
{
  DIR *d = opendir(path);
  int n = 0;
  struct dirent *e;
  if (!d)
    return -1;
  while ((e = readdir(d)))
    if (e->d_name[0] != '.')
      n++;
  closedir(d);
  return n - 1 * (strcmp(path, "/proc/self/fd") == 0); /* opendir's own fd */
}

static struct snap take(void)
{
  struct snap s;
  long pages = 0, res = 0;
  FILE *f = fopen("/proc/self/statm", "r");
  if (!f || fscanf(f, "%ld %ld", &pages, &res) != 2)
    fail("statm");
  fclose(f);
  s.rss_kb = res * (sysconf(_SC_PAGESIZE) / 1024);
  s.heap = mallinfo2().uordblks;
  s.threads = count_dir("/proc/self/task");
  s.fds = count_dir("/proc/self/fd");
  return s;
}

/* A snapshot once the process is quiet: threads that have left their scopes
 * may still be on their way out (freeing what they hold), so until two in a
 * row 20 ms apart agree (at most 2 s). */
static struct snap take_quiet(void)
{
  struct snap a = take();
  for (int i = 0; i < 100; i++) {
    usleep(20000);
    struct snap b = take();
    if (b.heap == a.heap && b.threads == a.threads && b.fds == a.fds)
      return b;
    a = b;
  }
  return a;
}

static void stuck(const char *who, int i)
{
  printf("stuck: %s %d\n", who, i);
  fflush(stdout);
  abort();
}

static void park_all(int on)
{
  atomic_store(&faults_park, on);
  for (int i = 0; i < nworkers; i++)
    atomic_store(&workers[i].park, on);
  if (!on)
    return;
  int64_t t = cp_now();
  for (;;) {
    int all = atomic_load(&faults_parked);
    for (int i = 0; i < nworkers; i++)
      all &= atomic_load(&workers[i].parked);
    if (all)
      break;
    if (cp_now() - t > STUCK_NS)
      stuck(atomic_load(&faults_parked) ? "worker" : "faults", -1);
    usleep(1000);
  }
}

/* The main thread: sleeps, and checks every 100 ms that each worker moves. */
static void watch(int64_t until)
{
  uint64_t last[MAX_WORKERS];
  int64_t since[MAX_WORKERS];
  for (int i = 0; i < nworkers; i++) {
    last[i] = atomic_load(&workers[i].beat);
    since[i] = cp_now();
  }
  uint64_t flast = atomic_load(&faults_beat);
  int64_t fsince = cp_now();
  while (cp_now() < until) {
    usleep(100000);
    uint64_t fb = atomic_load(&faults_beat);
    if (fb != flast) {
      flast = fb;
      fsince = cp_now();
    } else if (faults_on && !atomic_load(&faults_parked) && cp_now() - fsince > STUCK_NS) {
      stuck("faults", 0);
    }
    for (int i = 0; i < nworkers; i++) {
      uint64_t b = atomic_load(&workers[i].beat);
      if (b != last[i]) {
        last[i] = b;
        since[i] = cp_now();
      } else if (!atomic_load(&workers[i].parked) && cp_now() - since[i] > STUCK_NS) {
        printf("stuck: worker %d (requests %llu, written %llu, read %llu)\n", i,
               (unsigned long long)workers[i].requests, (unsigned long long)workers[i].w_off,
               (unsigned long long)workers[i].r_off);
        fflush(stdout);
        abort();
      }
    }
  }
}

int main(int argc, char **argv)
{
  double seconds = 60, storm_hz = 0;
  int faults = 1, opt;
  while ((opt = getopt(argc, argv, "t:r:w:s:f:FC")) != -1) {
    switch (opt) {
    case 't': seconds = atof(optarg); break;
    case 'r': rate = atof(optarg); break;
    case 'w': nworkers = atoi(optarg); break;
    case 's': storm_hz = atof(optarg); break;
    case 'F': faults = faults_on = 0; break;
    case 'f': fault_mask = (unsigned)strtoul(optarg, NULL, 0); break;
    case 'C': return child_main();
    default:
      fprintf(stderr, "usage: %s [-t seconds] [-r scopes/s] [-w workers] [-s storm_hz] [-F]\n", argv[0]);
      return 2;
    }
  }
  if (nworkers < 1 || nworkers > MAX_WORKERS || rate <= 0 || seconds <= 0)
    fail("bad options");
  ssize_t pl = readlink("/proc/self/exe", self_path, sizeof self_path - 1);
  if (pl <= 0)
    fail("readlink /proc/self/exe");
  self_path[pl] = 0;
  prctl(PR_SET_TIMERSLACK, 1UL);

  /* the loopback server */
  int lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  socklen_t al = sizeof a;
  if (lfd < 0 || bind(lfd, (struct sockaddr *)&a, sizeof a) != 0 || listen(lfd, MAX_WORKERS) != 0 ||
      getsockname(lfd, (struct sockaddr *)&a, &al) != 0)
    fail("listen on the loopback");
  for (int i = 0; i < nworkers; i++) {
    struct worker *w = &workers[i];
    w->id = i;
    w->rng = 0x9e3779b97f4a7c15ULL * (uint64_t)(i + 1);
    w->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (w->fd < 0 || connect(w->fd, (struct sockaddr *)&a, sizeof a) != 0)
      fail("connect");
    w->echo_fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
    if (w->echo_fd < 0)
      fail("accept");
    int one = 1;
    setsockopt(w->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    setsockopt(w->echo_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  close(lfd);

  int storm_pipe[2] = {-1, -1};
  if (storm_hz > 0) {
    if (pipe2(storm_pipe, O_CLOEXEC) != 0)
      fail("pipe");
    storm_pid = storm_start(storm_hz, storm_pipe[1]);
    close(storm_pipe[1]);
  }

  pthread_t canceller, faulter, computer;
  if (pthread_create(&computer, NULL, compute_main, NULL) != 0)
    fail("pthread_create");
  for (int i = 0; i < nworkers; i++)
    if (pthread_create(&workers[i].echo_th, NULL, echo_main, &workers[i]) != 0)
      fail("pthread_create");
  if (pthread_create(&canceller, NULL, canceller_main, NULL) != 0)
    fail("pthread_create");
  if (faults && pthread_create(&faulter, NULL, faults_main, NULL) != 0)
    fail("pthread_create");
  for (int i = 0; i < nworkers; i++)
    if (pthread_create(&workers[i].th, NULL, worker_main, &workers[i]) != 0)
      fail("pthread_create");

  /* warm-up (a tenth of the run, at most 2 s), then the snapshot to match */
  double warm = seconds / 10 < 2 ? seconds / 10 : 2;
  watch(cp_now() + (int64_t)(warm * 1e9));
  if (!faults)
    atomic_store(&faults_parked, 1);
  park_all(1);
  struct snap s0 = take_quiet();
  uint64_t req0 = 0;
  for (int i = 0; i < nworkers; i++)
    req0 += atomic_load(&workers[i].beat);
  park_all(0);
  int64_t t0 = cp_now();
  watch(t0 + (int64_t)(seconds * 1e9));
  int64_t t1 = cp_now();
  uint64_t req1 = 0;
  for (int i = 0; i < nworkers; i++)
    req1 += atomic_load(&workers[i].beat);
  /* each fault asked for at least once before the verdict (a short run on a
   * loaded machine may not have reached them all) */
  while (faults && cp_now() - t1 < STUCK_NS &&
         ((!forks && (fault_mask & 1)) || (!execs && (fault_mask & 2)) ||
          (!spawns && (fault_mask & 4)) || (!dlopens && (fault_mask & 8))))
    usleep(10000);
  park_all(1);
  struct snap s1 = take_quiet();

  /* the end: stop everything, drain the echoes, check the stream */
  atomic_store(&stop_all, 1);
  atomic_store(&stop_faults, 1);
  for (int i = 0; i < nworkers; i++)
    pthread_join(workers[i].th, NULL);
  if (faults)
    pthread_join(faulter, NULL);
  atomic_store(&stop_canceller, 1);
  pthread_join(canceller, NULL);
  atomic_store(&stop_compute, 1);
  pthread_join(computer, NULL);
  uint64_t requests = 0, cancelled = 0, by_deadline = 0, by_canceller = 0, sent = 0, meant = 0,
           unsent = 0, threads = 0;
  int bytes_ok = 1;
  for (int i = 0; i < nworkers; i++) {
    struct worker *w = &workers[i];
    w->explicit_io = 0;
    catch_up(w); /* what a cancelled request left unread */
    shutdown(w->fd, SHUT_WR);
    char c;
    if (read(w->fd, &c, 1) != 0)
      bytes_ok = 0; /* more bytes came back than were sent */
    pthread_join(w->echo_th, NULL);
    if (w->bad || w->w_off != w->r_off || w->w_off != atomic_load(&w->echoed_in) ||
        w->w_off != atomic_load(&w->echoed_out) || w->w_off + w->unsent != w->meant) {
      bytes_ok = 0;
      fprintf(stderr, "load: worker %d: bad=%d written=%llu read=%llu echoed=%llu/%llu meant=%llu unsent=%llu\n",
              i, w->bad, (unsigned long long)w->w_off, (unsigned long long)w->r_off,
              (unsigned long long)atomic_load(&w->echoed_in), (unsigned long long)atomic_load(&w->echoed_out),
              (unsigned long long)w->meant, (unsigned long long)w->unsent);
    }
    requests += w->requests;
    cancelled += w->cancelled;
    by_deadline += w->by_deadline;
    by_canceller += w->by_canceller;
    sent += w->w_off;
    meant += w->meant;
    unsent += w->unsent;
    threads += w->threads;
    close(w->fd);
    close(w->echo_fd);
  }
  uint64_t storm = 0;
  if (storm_hz > 0) {
    kill(storm_pid, SIGTERM);
    waitpid(storm_pid, NULL, 0);
    uint64_t v;
    while (read(storm_pipe[0], &v, sizeof v) == sizeof v)
      storm = v;
    close(storm_pipe[0]);
  }

  double dt = (double)(t1 - t0) / 1e9;
  uint64_t measured = req1 - req0;
  fprintf(stderr,
          "load: seconds=%.1f workers=%d scopes=%llu scopes_per_s=%.0f (aimed %.0f) cancelled=%llu "
          "(deadline %llu, canceller %llu) scope_threads=%llu\n"
          "load: bytes meant=%llu sent=%llu received=%llu unsent=%llu\n"
          "load: faults forks=%llu execs=%llu spawns=%llu dlopens=%llu bad=%llu storm_signals=%llu computed=%llu\n"
          "load: rss_kb start=%ld end=%ld heap start=%zu end=%zu threads start=%d end=%d fds start=%d end=%d\n",
          dt, nworkers, (unsigned long long)measured, measured / dt, rate, (unsigned long long)cancelled,
          (unsigned long long)by_deadline, (unsigned long long)by_canceller, (unsigned long long)threads,
          (unsigned long long)meant, (unsigned long long)sent, (unsigned long long)sent,
          (unsigned long long)unsent, (unsigned long long)forks, (unsigned long long)execs,
          (unsigned long long)spawns, (unsigned long long)dlopens, (unsigned long long)fault_bad,
          (unsigned long long)storm, (unsigned long long)atomic_load(&computed), s0.rss_kb, s1.rss_kb, s0.heap, s1.heap, s0.threads, s1.threads,
          s0.fds, s1.fds);
  (void)requests;

  int ok = 1;
  printf("bytes: %s\n", bytes_ok ? "ok" : "LOST");
  printf("stuck: none\n");
  int flat = s1.heap < s0.heap + HEAP_SLACK && s0.threads == s1.threads && s0.fds == s1.fds &&
             s1.rss_kb - s0.rss_kb < 1024;
  printf("memory: %s\n", flat ? "flat" : "GREW");
  int faults_ok = atomic_load(&fault_bad) == 0 &&
                  (!faults || ((forks > 0 || !(fault_mask & 1)) && (execs > 0 || !(fault_mask & 2)) &&
                               (spawns > 0 || !(fault_mask & 4)) && (dlopens > 0 || !(fault_mask & 8))));
  printf("faults: %s\n", faults_ok ? "ok" : "FAILED");
  printf("cancelled: %s\n", cancelled > 0 && by_deadline > 0 && by_canceller > 0 ? "some" : "NONE");
  ok = bytes_ok && flat && faults_ok;
  return ok ? 0 : 1;
}
