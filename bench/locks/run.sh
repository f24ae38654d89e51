#!/bin/sh
# bench/locks/run.sh [build dir] - instructions per uncontended
# pthread_mutex_lock/unlock pair, cpcc -O2 against clang -O2, counted by
# callgrind: the difference of two runs (N1 and N2 pairs) over N2 - N1, so
# that start-up and exit cancel out; cpcc's also with CANCELPOINTS_SIGINT=off
# (no canceller thread: libc's single-threaded paths, as plain's).  Writes
# bench/locks/RESULT.md.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
cpcc=$build/bin/cpcc
cc=$("$cpcc" --version | sed -n 's/^cpcc (cancelpoints [^)]*) wrapping \([^,]*\).*/\1/p')
cc=${cc:-clang-19}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
N1=100000
N2=1100000

ir() { # program, pairs [, env assignment] -> total instructions
  env ${3:-CP_BENCH=1} valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$1" "$2" >/dev/null 2>"$tmp/log"
  sed -n 's/^summary: //p' "$tmp/cg"
}

per_pair() { # program [, env assignment]
  a=$(ir "$1" $N1 "${2:-}")
  b=$(ir "$1" $N2 "${2:-}")
  echo "scale=2; ($b - $a) / ($N2 - $N1)" | bc
}

"$cpcc" -O2 "$here/lockpair.c" -o "$tmp/cp"
$cc -O2 "$here/lockpair.c" -o "$tmp/plain" -lpthread
cp=$(per_pair "$tmp/cp")
cp1=$(per_pair "$tmp/cp" CANCELPOINTS_SIGINT=off)
plain=$(per_pair "$tmp/plain")
{
  echo "# Lock/unlock cost: cpcc against plain clang"
  echo
  echo "An uncontended \`pthread_mutex_lock\`/\`pthread_mutex_unlock\` pair in a loop"
  echo "(\`lockpair.c\`), built with \`cpcc -O2\` and \`$(basename "$cc") -O2\` (the clang cpcc wraps); instructions per"
  echo "pair counted by callgrind as (Ir($N2 pairs) - Ir($N1 pairs)) / $((N2 - N1))."
  echo "Produced by \`sh bench/locks/run.sh\`."
  echo
  echo "| build | instructions per pair |"
  echo "| --- | --- |"
  echo "| plain | $plain |"
  echo "| cpcc | $cp |"
  echo "| difference | $(echo "$cp - $plain" | bc) |"
  echo "| cpcc, \`CANCELPOINTS_SIGINT=off\` (one thread, as plain) | $cp1 |"
  echo "| difference | $(echo "$cp1 - $plain" | bc) |"
  echo
  echo "Where the difference is (x86_64, from the disassembly and callgrind's"
  echo "per-function counts): the pass keeps libc's calls and records the lock"
  echo "inline in \`__cp_tls\`.  After the lock, 5: \`mov %eax,%ecx; or"
  echo "%fs:lock_site,%rcx; jne slow\` (the lock failed, or the one inline"
  echo "record is in use) and two stores (the lock, its site).  Before the"
  echo "unlock, 3: \`cmp %fs:lock,%reg; jne slow\` and one store.  The loop"
  echo "keeps its poll, 2 (it has effects).  The rest is libc's: the runtime's"
  echo "canceller thread (started for ^C's 1 s notice) makes the process"
  echo "multi-threaded, and glibc's uncontended unlock then costs 3 more and its"
  echo "lock 1 less; without it (\`CANCELPOINTS_SIGINT=off\`) libc's share is"
  echo "plain's."
} >"$here/RESULT.md"
cat "$here/RESULT.md"
