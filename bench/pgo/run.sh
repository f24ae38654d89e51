#!/bin/sh
# bench/pgo/run.sh [CPCC]: what a profile saves the points, on lz4's command
# line tool (Debian's sources, fetched as bench/real/run.sh fetches them).
# With -fprofile-instr-use the loops' branch weights estimate their trip
# counts, and the pass unrolls a loop for its back-edge poll no more times
# than that (-cancelpoints-latch-poll-estimates).  Builds lz4 five ways:
# instrumented for the profile, then plain clang-19 -O2 and cpcc -O2 with
# the profile, cpcc with the profile but the estimates off, and plain and
# cpcc without a profile.  The profile is taken compressing (-9) and
# decompressing one input (a tar of the zlib sources); the measurement
# uses another (a tar of the bzip2 sources): callgrind instructions of each
# build compressing and decompressing it, and `.text` without the runtime.
# Writes bench/PGO.md.
#   CPCC        the cpcc to test (default build/bin/cpcc)
#   REAL_WORK   where the sources live (default /tmp/cp-real)
set -e
OUT=bench/PGO.md

# shellcheck source=bench/real/common.sh
. bench/real/common.sh
bench_start bench-pgo "${1:-build/bin/cpcc}"
install_tools valgrind dpkg-dev patch llvm-19
for p in lz4 zlib bzip2; do fetch "$p"; done
L=$WORK/src/lz4/tree
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
tar -cf "$TMP/train" -C "$WORK/src/zlib" tree
tar -cf "$TMP/input" -C "$WORK/src/bzip2" tree

SRC="lib/lz4.c lib/lz4hc.c lib/lz4frame.c lib/xxhash.c programs/lz4cli.c
programs/lz4io.c programs/bench.c programs/datagen.c"

# build NAME CC ARGS...: lz4 built by CC ARGS -O2 into $TMP/NAME/lz4
build() {
  name=$1; shift
  mkdir -p "$TMP/$name"
  objs=""
  for f in $SRC; do
    o=$TMP/$name/$(basename "$f" .c).o
    "$@" -O2 -I"$L/lib" -c "$L/$f" -o "$o" 2>>"$TMP/$name/log" ||
      { tail -5 "$TMP/$name/log" >&2; die "building $name failed"; }
    objs="$objs $o"
  done
  # shellcheck disable=SC2086 # the object list
  "$@" -O2 $objs -o "$TMP/$name/lz4" 2>>"$TMP/$name/log" ||
    { tail -5 "$TMP/$name/log" >&2; die "linking $name failed"; }
}

say "profiling"
build gen clang-19 -fprofile-instr-generate
LLVM_PROFILE_FILE="$TMP/p%p.profraw" "$TMP/gen/lz4" -9 -c <"$TMP/train" >"$TMP/train.lz4"
LLVM_PROFILE_FILE="$TMP/p%p.profraw" "$TMP/gen/lz4" -d -c <"$TMP/train.lz4" >/dev/null
llvm-profdata-19 merge -o "$TMP/lz4.profdata" "$TMP"/p*.profraw
USE="-fprofile-instr-use=$TMP/lz4.profdata"

say "building"
build plain clang-19 "$USE" -Wno-profile-instr-unprofiled
build cpcc "$CPCC" "$USE" -Wno-profile-instr-unprofiled
build noest "$CPCC" "$USE" -Wno-profile-instr-unprofiled -mllvm -cancelpoints-latch-poll-estimates=0
build plain_nopgo clang-19
build cpcc_nopgo "$CPCC"

# the runtime's own .text, measured on an empty program
echo 'int main(void) { return 0; }' >"$TMP/empty.c"
clang-19 -O2 "$TMP/empty.c" -o "$TMP/empty.plain"
"$CPCC" -O2 "$TMP/empty.c" -o "$TMP/empty.cpcc"
text() { llvm-size-19 -A "$1" | awk '$1 ~ /^\.text/ {s += $2} END {print s}'; }
RT=$(($(text "$TMP/empty.cpcc") - $(text "$TMP/empty.plain")))

# insn BIN IN OUT ARGS...: callgrind's instruction count of BIN ARGS <IN >OUT
insn() {
  b=$1 i=$2 o=$3; shift 3
  valgrind --tool=callgrind --cache-sim=no --callgrind-out-file="$TMP/cg" \
    "$b" "$@" <"$i" 2>"$TMP/vg" >"$o" || die "$b $* failed"
  sed -n 's/.*Collected : *//p' "$TMP/vg" | tr -d ,
}

say "measuring"
"$TMP/plain/lz4" -9 -c <"$TMP/input" >"$TMP/input.lz4"
for v in plain cpcc noest plain_nopgo cpcc_nopgo; do
  insn "$TMP/$v/lz4" "$TMP/input" "$TMP/$v.c" -9 -c >"$TMP/$v.ci"
  insn "$TMP/$v/lz4" "$TMP/input.lz4" "$TMP/$v.d" -d -c >"$TMP/$v.di"
  cmp -s "$TMP/$v.c" "$TMP/input.lz4" || die "$v: compressed output differs from plain's"
  cmp -s "$TMP/$v.d" "$TMP/input" || die "$v: decompressed output differs from the input"
  t=$(text "$TMP/$v/lz4")
  case $v in cpcc*|noest) t=$((t - RT)) ;; esac
  echo "$t" >"$TMP/$v.t"
done

ratio() { awk -v a="$(cat "$1")" -v b="$(cat "$2")" 'BEGIN {printf "%.3f", a / b}'; }
row() { # row LABEL VARIANT BASE
  echo "| $1 | $(cat "$TMP/$2.ci") | $(ratio "$TMP/$2.ci" "$TMP/$3.ci") | $(cat "$TMP/$2.di") | $(ratio "$TMP/$2.di" "$TMP/$3.di") | $(cat "$TMP/$2.t") | $(ratio "$TMP/$2.t" "$TMP/$3.t") |"
}
{
  echo "# Points under a profile: lz4"
  echo
  echo "Written by \`sh bench/pgo/run.sh\` ($(date -u +%Y-%m-%d)); do not edit by hand."
  echo "lz4's command line tool (Debian's $(basename "$(ls "$WORK"/src/lz4/*.dsc)" .dsc)), profiled compressing (-9) and"
  echo "decompressing a tar of zlib's sources, measured on a tar of bzip2's: callgrind"
  echo "instructions of each build, and \`.text\` (cpcc's without the runtime's"
  echo "$RT bytes). Ratios against plain clang-19 -O2 built the same way (with or"
  echo "without the profile). Every build wrote plain's bytes."
  echo
  echo "| build | compress insn | ratio | decompress insn | ratio | .text | ratio |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  row "plain, profile" plain plain
  row "cpcc, profile" cpcc plain
  row "cpcc, profile, estimates off" noest plain
  row "plain, no profile" plain_nopgo plain_nopgo
  row "cpcc, no profile" cpcc_nopgo plain_nopgo
} >"$OUT"
say "wrote $OUT"
