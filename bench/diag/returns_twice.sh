#!/bin/sh
# bench/diag/returns_twice.sh [BUILD_DIR] [SCALE] [KERNEL...]
#
# Diagnosis, not a variant: how much of full mode's instruction overhead is
# the codegen penalty of calling a returns_twice function (__cp_arm) in the
# kernel's function.  Builds each kernel's full-mode IR, once as is and once
# with returns_twice deleted from the attribute group of __cp_arm's calls
# (so llc treats the call as an ordinary one), and counts bench_kernel's
# instructions under callgrind next to plain -O2.
#
# The binaries without returns_twice are for counting only: they are NOT
# safe under a reset (a rewound thread could find registers or spill slots
# clobbered).  Nothing is reset in these runs: no request is ever made.
set -eu
cd "$(dirname "$0")/../.."
B=${1:-build}
S=${2:-0.02}
shift 2 2>/dev/null || shift $#
V=${LLVM_VERSION:-19}
P=$B/lib/libcancelpoints.so
RT="$B/lib/libcancelpoints_rt.a -lpthread -lunwind -ldl -lm"
K=bench/kernels
D=bench/out/diag-rt2
mkdir -p $D
F="-fpass-plugin=$P -Xclang -load -Xclang $P -mllvm -cancelpoints-mode=full"
ks=${*:-$(ls $K/*.c | xargs -n1 basename | sed 's/\.c$//' | grep -v pure_helper)}
clang-$V -O2 -c $K/pure_helper.c -o $D/ph.o
count() { # exe -> instructions in bench_kernel
  valgrind --tool=callgrind --cache-sim=no --collect-atstart=no --toggle-collect=bench_kernel \
    --callgrind-out-file="$1.cg" "$1" "$S" >/dev/null 2>&1
  awk '/^(summary|totals):/{print $2; exit}' "$1.cg"
}
printf '%-10s %12s %10s %22s\n' kernel O2-insns full/O2 full-no-returns_twice/O2
for k in $ks; do
  extra=; [ "$k" = purecall ] && extra=$D/ph.o
  clang-$V -O2 -I$K $K/$k.c $extra -o $D/$k.plain -lm
  clang-$V -O2 -I$K $F -S -emit-llvm $K/$k.c -o $D/$k.ll
  # drop returns_twice from every attribute group (only __cp_arm has it)
  sed -E 's/^(attributes #[0-9]+ = \{.*) returns_twice(.*\})$/\1\2/' $D/$k.ll > $D/$k.nort.ll
  for t in ll nort.ll; do
    llc-$V -O2 -relocation-model=pic -filetype=obj $D/$k.$t -o $D/$k.$t.o
    # shellcheck disable=SC2086
    clang-$V $D/$k.$t.o $extra -o $D/$k.$t.exe $RT
  done
  a=$(count $D/$k.plain); b=$(count $D/$k.ll.exe); c=$(count $D/$k.nort.ll.exe)
  python3 -c "print('%-10s %12d %10.3f %22.3f' % ('$k', $a, $b / $a, $c / $a))"
done
