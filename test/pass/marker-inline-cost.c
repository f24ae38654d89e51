// The inliner prices a marker at nothing ("call-inline-cost"="0" on the
// marker's declaration): a function whose loop gets a marker is inlined
// where plain clang inlines it, at the same cost.  With a marker's price
// as a call, sift (zlib's pqdownheap) costs 70 more and is not inlined.
// RUN: %clang -O2 -c %s -o %t.plain.o -Rpass=inline -Rpass-missed=inline 2> %t.plain
// RUN: %cpcc -O2 -c %s -o %t.cpcc.o -Rpass=inline -Rpass-missed=inline 2> %t.cpcc
// RUN: cat %t.plain %t.cpcc | FileCheck %s
// CHECK: remark: 'sift' inlined into 'heapify' with (cost=[[COST:-?[0-9]+]], threshold=[[T:[0-9]+]])
// CHECK: remark: 'sift' inlined into 'heapify' with (cost=[[COST]], threshold=[[T]])
// RUN: %cpcc -O2 -S -emit-llvm -o - %s | FileCheck %s --check-prefix=IR
// IR-NOT: call void @sift
struct node { unsigned short freq, len; };
struct heap { int heap[573]; int len; unsigned char depth[573]; };

#define smaller(t, n, m, d) \
  (t[n].freq < t[m].freq || (t[n].freq == t[m].freq && d[n] <= d[m]))

static void sift(struct heap *s, struct node *tree, int k)
{
  int v = s->heap[k];
  int j = k << 1;
  while (j <= s->len) {
    if (j < s->len && smaller(tree, s->heap[j + 1], s->heap[j], s->depth))
      j++;
    if (smaller(tree, v, s->heap[j], s->depth))
      break;
    s->heap[k] = s->heap[j];
    k = j;
    j <<= 1;
  }
  s->heap[k] = v;
}

void heapify(struct heap *s, struct node *tree)
{
  for (int n = s->len / 2; n >= 1; n--)
    sift(s, tree, n);
}
