/* treewalk: recursive walk of a random binary search tree. */
#include "bench.h"

#define N (1 << 15)

struct tree {
  struct tree *l, *r;
  uint32_t key;
};

static struct tree pool[N];

static uint64_t walk(const struct tree *t, uint64_t depth) {
  if (!t)
    return depth;
  return (t->key ^ depth) + walk(t->l, depth + 1) * 3 + walk(t->r, depth + 2);
}

BENCH_KERNEL uint64_t bench_kernel(const struct tree *root, long reps) {
  uint64_t acc = 0;
  for (long r = 0; r < reps; r++)
    acc = acc * 5 + walk(root, (uint64_t)r);
  return acc;
}

int main(int argc, char **argv) {
  long reps = bench_reps(argc, argv, 1600);
  bench_lcg g = {12};
  struct tree *root = NULL;
  for (int i = 0; i < N; i++) {
    struct tree *n = &pool[i];
    n->key = bench_rand(&g);
    struct tree **p = &root;
    while (*p)
      p = n->key < (*p)->key ? &(*p)->l : &(*p)->r;
    *p = n;
  }
  BENCH_RUN(bench_kernel(root, reps));
  return 0;
}
