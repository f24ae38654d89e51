// A loop calls log(), which sets errno on a bad input (-fmath-errno, the
// default), and reads errno in the same loop.  Under chaos mode every reset
// rewinds the loop; had log() been taken as effect-free, the rerun would see
// the errno its rewound run left and report the first bad input at 0.  The
// pass treats log() as an effect in a program that reads errno, so the
// output is plain clang's.
// RUN: %clang -O2 %s -o %t.plain -lm
// RUN: %cpcc -O2 %s -o %t.cp -lm
// RUN: %t.plain | FileCheck %s
// RUN: %t.cp | FileCheck %s
// RUN: env CANCELPOINTS_CHAOS=100 %t.cp | FileCheck %s
// CHECK-COUNT-4: first EDOM at 10
// CHECK-NOT: first EDOM
#include <errno.h>
#include <math.h>
#include <stdio.h>

#define N 4000000
static double a[N];

__attribute__((noinline)) static long first_bad(const double *v, long n, double *sum)
{
  long first = -1;
  double s = 0;
  for (long i = 0; i < n; i++) {
    double x = log(v[i]);
    if (errno != 0 && first < 0)
      first = i;
    s += x;
  }
  *sum = s;
  return first;
}

int main(void)
{
  for (long i = 0; i < N; i++)
    a[i] = 1.0 + (double)(i % 1000);
  a[10] = -1.0; /* log(-1): EDOM */
  for (int r = 0; r < 4; r++) {
    double s;
    errno = 0;
    printf("first EDOM at %ld\n", first_bad(a, N, &s));
  }
  return 0;
}
