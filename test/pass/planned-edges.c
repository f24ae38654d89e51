// A loop whose entering edge a reset region's plan names (the region from
// the outer loop's poll extends across is_word, an effect-free library
// function (first found with isalpha's __ctype_b_loc), and leaves
// on the edge into the copy loop) is not strip-mined or latch-polled: both
// put new blocks on that edge, and the disarm planned for it went into a
// block with no predecessor, leaving a phi without an entry for the new
// block (clang crashed in "Canonicalize natural loops" on ordinary C).  The
// verifier runs after the pass here (-cancelpoints-verify) and on its output.
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -g -fpass-plugin=%plugin -Xclang -load -Xclang %plugin -mllvm -cancelpoints-verify -S -emit-llvm -o %t.ll %s
// RUN: %opt -passes=verify -disable-output %t.ll
// RUN: FileCheck %s < %t.ll
// RUN: %clang --target=x86_64-unknown-linux-gnu -O3 -fpass-plugin=%plugin -Xclang -load -Xclang %plugin -mllvm -cancelpoints-verify -S -emit-llvm -o - %s | %opt -passes=verify -disable-output

int is_word(int c) __attribute__((const, nothrow));

// CHECK-LABEL: define {{.*}}ptr @do_sub(
// CHECK:         call {{.*}}@__cp_arm(
// CHECK:         load volatile i32
// CHECK:         {{^}}}
char *do_sub(char *dst, char *src, int c, int n) {
  for (int k = 0; k < n; k++) {
    if (c) {
      while (src < dst)
        *dst = *src++;
    } else if (is_word((unsigned char)*dst))
      dst++;
  }
  return dst;
}
