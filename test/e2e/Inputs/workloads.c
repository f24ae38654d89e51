/* Deterministic workloads for the "same output" tests: what a program
 * computes and prints must not depend on how it was built (plain clang,
 * cpcc -O0, cpcc -O2) nor on chaos-mode resets (the law).  The argument
 * scales the work; the output is a few checksums. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t nest_checksum(unsigned n) {
  uint64_t acc = 0;
  for (unsigned i = 0; i < n; i++)
    for (unsigned j = 0; j < n; j++)
      for (unsigned k = 0; k < n; k++)
        acc = (acc * 31 + i * j) ^ (k << 3);
  return acc;
}

static void quicksort(uint32_t *a, long lo, long hi) {
  while (lo < hi) {
    uint32_t p = a[lo + (hi - lo) / 2];
    long i = lo, j = hi;
    while (i <= j) {
      while (a[i] < p)
        i++;
      while (a[j] > p)
        j--;
      if (i <= j) {
        uint32_t t = a[i];
        a[i++] = a[j];
        a[j--] = t;
      }
    }
    if (j - lo < hi - i) {
      quicksort(a, lo, j);
      lo = i;
    } else {
      quicksort(a, i, hi);
      hi = j;
    }
  }
}

static uint64_t sort_checksum(long n) {
  uint32_t *a = malloc(n * sizeof *a);
  uint32_t x = 12345;
  for (long i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    a[i] = x % 1000003;
  }
  quicksort(a, 0, n - 1);
  uint64_t h = 0;
  for (long i = 0; i < n; i++) {
    if (i && a[i - 1] > a[i]) {
      printf("sort: not sorted at %ld\n", i);
      break;
    }
    h = h * 1000003 + a[i];
  }
  free(a);
  return h;
}

static unsigned collatz_steps(uint64_t n) {
  unsigned s = 0;
  while (n != 1) {
    n = (n & 1) ? 3 * n + 1 : n / 2;
    s++;
  }
  return s;
}

static void collatz(uint64_t limit, uint64_t *best_n, unsigned *best) {
  *best_n = 1;
  *best = 0;
  for (uint64_t n = 1; n < limit; n++) {
    unsigned s = collatz_steps(n);
    if (s > *best) {
      *best = s;
      *best_n = n;
    }
  }
}

static uint64_t fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static void scan_text(long n, long counts[4]) {
  static const char *words[] = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"};
  char *text = malloc(n + 16);
  long len = 0;
  uint32_t x = 7;
  while (len < n) {
    x = x * 1103515245 + 12345;
    const char *w = words[(x >> 16) % 7];
    size_t l = strlen(w);
    memcpy(text + len, w, l);
    len += l;
    text[len++] = (x >> 8) % 5 ? ' ' : '\n';
  }
  text[len] = 0;
  memset(counts, 0, 4 * sizeof counts[0]);
  for (const char *p = text; *p; p++) {
    counts[0] += *p == 'a' || *p == 'e' || *p == 'i' || *p == 'o' || *p == 'u';
    counts[1] += *p == '\n';
  }
  for (const char *p = text; (p = strchr(p, 'z')) != NULL; p++)
    counts[2]++;
  for (const char *p = text; (p = strstr(p, "eta")) != NULL; p += 3)
    counts[3]++;
  free(text);
}

struct job {
  unsigned n;
  uint64_t out;
};

static void *thread_job(void *arg) {
  struct job *j = arg;
  j->out = nest_checksum(j->n) ^ fib(18 + j->n % 5);
  return NULL;
}

int main(int argc, char **argv) {
  unsigned s = argc > 1 ? (unsigned)atoi(argv[1]) : 1;
  printf("nest %llu\n", (unsigned long long)nest_checksum(60 * s));
  printf("sort %llu\n", (unsigned long long)sort_checksum(100000L * s));
  uint64_t bn;
  unsigned b;
  collatz(30000 * s, &bn, &b);
  printf("collatz %llu %u\n", (unsigned long long)bn, b);
  printf("fib %llu\n", (unsigned long long)fib(20 + s));
  long c[4];
  scan_text(200000L * s, c);
  printf("scan %ld %ld %ld %ld\n", c[0], c[1], c[2], c[3]);
  struct job jobs[2] = {{40 * s, 0}, {44 * s, 0}};
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, thread_job, &jobs[i]);
  for (int i = 0; i < 2; i++) {
    pthread_join(t[i], NULL);
    printf("thread %d %llu\n", i, (unsigned long long)jobs[i].out);
  }
  return 0;
}
