/* listchase: walk a singly linked list laid out in shuffled order. */
#include "bench.h"

#define N (1 << 14)

struct node {
  struct node *next;
  uint64_t val;
};

static struct node nodes[N];
static int perm[N];

BENCH_KERNEL uint64_t bench_kernel(const struct node *head, long reps) {
  uint64_t acc = 0;
  for (long r = 0; r < reps; r++) {
    uint64_t s = (uint64_t)r;
    for (const struct node *p = head; p; p = p->next)
      s = s * 3 + p->val;
    acc = acc * 7 + s;
  }
  return acc;
}

int main(int argc, char **argv) {
  long reps = bench_reps(argc, argv, 4000);
  bench_lcg g = {7};
  for (int i = 0; i < N; i++)
    perm[i] = i;
  for (int i = N - 1; i > 0; i--) {
    int j = (int)(bench_rand(&g) % (uint32_t)(i + 1));
    int t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  for (int i = 0; i < N; i++) {
    nodes[perm[i]].val = bench_rand(&g);
    nodes[perm[i]].next = i + 1 < N ? &nodes[perm[i + 1]] : NULL;
  }
  BENCH_RUN(bench_kernel(&nodes[perm[0]], reps));
  return 0;
}
