/* interp: a small stack-machine bytecode interpreter, switch dispatch. The
 * program sums a polynomial hash over a counted loop. */
#include "bench.h"

enum { OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_XOR, OP_SHR,
       OP_DUP, OP_JNZ, OP_HALT };

struct insn {
  uint8_t op;
  int32_t arg;
};

static uint64_t run(const struct insn *code, uint64_t n) {
  uint64_t stack[16], var[4] = {n, 0, 0, 0};
  int sp = 0, pc = 0;
  for (;;) {
    const struct insn *in = &code[pc++];
    switch (in->op) {
    case OP_PUSH: stack[sp++] = (uint64_t)(int64_t)in->arg; break;
    case OP_LOAD: stack[sp++] = var[in->arg]; break;
    case OP_STORE: var[in->arg] = stack[--sp]; break;
    case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
    case OP_SUB: sp--; stack[sp - 1] -= stack[sp]; break;
    case OP_MUL: sp--; stack[sp - 1] *= stack[sp]; break;
    case OP_XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
    case OP_SHR: stack[sp - 1] >>= in->arg; break;
    case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
    case OP_JNZ: if (stack[--sp]) pc = in->arg; break;
    case OP_HALT: return var[1];
    }
  }
}

/* var0 = n (counter), var1 = acc.
 *   loop: acc = (acc * 31 + (counter ^ (acc >> 7)));  counter -= 1;  if counter goto loop */
static const struct insn prog[] = {
    /* 0 */ {OP_LOAD, 1}, {OP_PUSH, 31}, {OP_MUL, 0},
    /* 3 */ {OP_LOAD, 0}, {OP_LOAD, 1}, {OP_SHR, 7}, {OP_XOR, 0}, {OP_ADD, 0},
    /* 8 */ {OP_STORE, 1},
    /* 9 */ {OP_LOAD, 0}, {OP_PUSH, 1}, {OP_SUB, 0}, {OP_DUP, 0}, {OP_STORE, 0},
    /* 14 */ {OP_JNZ, 0},
    /* 15 */ {OP_HALT, 0},
};

BENCH_KERNEL uint64_t bench_kernel(const struct insn *code, long reps) {
  uint64_t acc = 0;
  for (long r = 0; r < reps; r++)
    acc ^= run(code, 100000 + (uint64_t)r);
  return acc;
}

int main(int argc, char **argv) {
  long reps = bench_reps(argc, argv, 130);
  BENCH_RUN(bench_kernel(prog, reps));
  return 0;
}
