/* nbody: all-pairs gravity, sqrt from libm, leapfrog steps. */
#include <math.h>
#include "bench.h"

#define N 128

static double px[N], py[N], pz[N], vx[N], vy[N], vz[N], m[N];

BENCH_KERNEL uint64_t bench_kernel(long steps) {
  const double dt = 1e-3;
  for (long s = 0; s < steps; s++) {
    for (int i = 0; i < N; i++) {
      double ax = 0, ay = 0, az = 0;
      for (int j = 0; j < N; j++) {
        double dx = px[j] - px[i], dy = py[j] - py[i], dz = pz[j] - pz[i];
        double d2 = dx * dx + dy * dy + dz * dz + 1e-2;
        double inv = m[j] / (d2 * sqrt(d2));
        ax += dx * inv;
        ay += dy * inv;
        az += dz * inv;
      }
      vx[i] += ax * dt;
      vy[i] += ay * dt;
      vz[i] += az * dt;
    }
    for (int i = 0; i < N; i++) {
      px[i] += vx[i] * dt;
      py[i] += vy[i] * dt;
      pz[i] += vz[i] * dt;
    }
  }
  double e = 0;
  for (int i = 0; i < N; i++)
    e += m[i] * (vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i]) + px[i];
  return bench_dbits(e);
}

int main(int argc, char **argv) {
  long steps = bench_reps(argc, argv, 4000);
  bench_lcg g = {14};
  for (int i = 0; i < N; i++) {
    px[i] = bench_randf(&g);
    py[i] = bench_randf(&g);
    pz[i] = bench_randf(&g);
    m[i] = 0.5 + bench_randf(&g);
  }
  BENCH_RUN(bench_kernel(steps));
  return 0;
}
