#!/bin/sh
# bench/locks/run.sh [build dir] - instructions per uncontended
# pthread_mutex_lock/unlock pair, cpcc -O2 against clang -O2, counted by
# callgrind: the difference of two runs (N1 and N2 pairs) over N2 - N1, so
# that start-up and exit cancel out.  Writes bench/locks/RESULT.md.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
cpcc=$build/bin/cpcc
cc=$("$cpcc" --version | sed -n '1s/^cpcc .* wrapping //p')
cc=${cc:-clang-19}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
N1=100000
N2=1100000

ir() { # program, pairs -> total instructions
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$1" "$2" >/dev/null 2>"$tmp/log"
  sed -n 's/^summary: //p' "$tmp/cg"
}

per_pair() { # program
  a=$(ir "$1" $N1)
  b=$(ir "$1" $N2)
  echo "scale=2; ($b - $a) / ($N2 - $N1)" | bc
}

"$cpcc" -O2 "$here/lockpair.c" -o "$tmp/cp"
$cc -O2 "$here/lockpair.c" -o "$tmp/plain" -lpthread
cp=$(per_pair "$tmp/cp")
plain=$(per_pair "$tmp/plain")
{
  echo "# Lock/unlock cost: cpcc against plain clang"
  echo
  echo "An uncontended \`pthread_mutex_lock\`/\`pthread_mutex_unlock\` pair in a loop"
  echo "(\`lockpair.c\`), built with \`cpcc -O2\` and \`$cc -O2\`; instructions per"
  echo "pair counted by callgrind as (Ir($N2 pairs) - Ir($N1 pairs)) / $((N2 - N1))."
  echo "Produced by \`sh bench/locks/run.sh\`."
  echo
  echo "| build | instructions per pair |"
  echo "| --- | --- |"
  echo "| plain | $plain |"
  echo "| cpcc | $cp |"
  echo "| difference | $(echo "$cp - $plain" | bc) |"
  echo
  echo "Where the difference is (x86_64, from the disassembly): the lock wrapper"
  echo "stages the record (the lock and its site) in the thread's hold record"
  echo "before libc's call and counts it after (about 14 instructions with its"
  echo "call and return); the unlock wrapper checks the top record, drops it,"
  echo "checks for a held request and tail-calls libc's unlock (about 13); the"
  echo "caller passes the site (1) and the loop keeps its poll (2)."
} >"$here/RESULT.md"
cat "$here/RESULT.md"
