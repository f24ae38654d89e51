// Selecting the mode from clang.  -mllvm -cancelpoints-mode=... needs the
// plugin loaded before clang parses -mllvm options: -fpass-plugin alone loads
// it too late before clang 22 (clang-mode-late.c), so also pass -Xclang
// -load -Xclang <plugin> (or -fplugin=).  The environment variable works
// with -fpass-plugin alone.
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -fpass-plugin=%plugin -Xclang -load -Xclang %plugin -mllvm -cancelpoints-mode=poll -S -emit-llvm -o - %s | FileCheck %s --check-prefix=POLL
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -fpass-plugin=%plugin -fplugin=%plugin -mllvm -cancelpoints-mode=poll -S -emit-llvm -o - %s | FileCheck %s --check-prefix=POLL
// RUN: env CANCELPOINTS_PASS_MODE=poll %clang --target=x86_64-unknown-linux-gnu -O2 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s --check-prefix=POLL
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -fpass-plugin=%plugin -Xclang -load -Xclang %plugin -mllvm -cancelpoints-mode=off -S -emit-llvm -o - %s | FileCheck %s --check-prefix=OFF
// RUN: env CANCELPOINTS_PASS_MODE=off %clang --target=x86_64-unknown-linux-gnu -O2 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s --check-prefix=OFF
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s --check-prefix=FULL

// POLL-NOT: __cp_arm
// POLL: call void @__cp_poll_slow_at(
// POLL-NOT: __cp_arm

// OFF-NOT: __cp_

// FULL: call i32 @__cp_arm(

long sum(const long *a, long n) {
  long s = 0;
  for (long i = 0; i < n; i++)
    s += a[i];
  return s;
}
