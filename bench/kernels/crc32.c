/* crc32: bitwise CRC-32 (reflected, poly 0xEDB88320): a byte loop around a
 * fixed 8-iteration bit loop. */
#include "bench.h"

#define SIZE (1 << 14)

static unsigned char buf[SIZE];

BENCH_KERNEL uint64_t bench_kernel(const unsigned char *b, long size, long reps) {
  uint32_t crc = 0xffffffffu;
  for (long r = 0; r < reps; r++) {
    for (long i = 0; i < size; i++) {
      crc ^= b[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    crc ^= (uint32_t)r;
  }
  return ~crc;
}

int main(int argc, char **argv) {
  long reps = bench_reps(argc, argv, 4000);
  bench_lcg g = {15};
  for (long i = 0; i < SIZE; i++)
    buf[i] = (unsigned char)bench_rand(&g);
  BENCH_RUN(bench_kernel(buf, SIZE, reps));
  return 0;
}
