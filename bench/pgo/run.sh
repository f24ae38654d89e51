#!/bin/sh
# bench/pgo/run.sh [CPCC]: what a profile saves the points.  With
# -fprofile-instr-use the pass gives the loops the profile finds cold the
# smallest point (-cancelpoints-cold-smallest), and unrolls a loop for its
# back-edge poll no more than twice the trip count its branch weights
# estimate (-cancelpoints-latch-poll-estimates).  Two of bench-real's programs, each
# built six ways: instrumented for the profile, then plain clang-19 -O2 and
# cpcc -O2 with the profile, cpcc with the profile but the estimates off or
# cold loops given the points of hot ones (-cancelpoints-cold-smallest=0),
# and plain and cpcc without a profile.  Each is profiled on one input and
# measured on another (callgrind instructions, and `.text`, cpcc's without
# the runtime):
#   lz4      the command line tool, profiled compressing (-9) and
#            decompressing a tar of zlib's sources, measured on bzip2's
#   sqlite3  the shell (the amalgamation bench-real built), profiled on
#            bench/real/bench.sql, measured on bench/real/bench_wal.sql
# Writes bench/PGO.md.
#   CPCC          the cpcc to test (default build/bin/cpcc)
#   REAL_WORK     where the sources live (default /tmp/cp-real)
#   PGO_PROGRAMS  a subset ('lz4' or 'sqlite3')
#   PGO_KEEP      a directory to keep the builds and profiles in
set -e
OUT=bench/PGO.md

# shellcheck source=bench/real/common.sh
. bench/real/common.sh
bench_start bench-pgo "${1:-build/bin/cpcc}"
install_tools valgrind dpkg-dev patch llvm-19
for p in lz4 zlib bzip2; do fetch "$p"; done
AMALGAMATION=$WORK/build/plain/sqlite3
if [ ! -f "$AMALGAMATION/sqlite3.c" ] || [ ! -f "$AMALGAMATION/shell.c" ]; then
  die "no sqlite3 amalgamation in $AMALGAMATION: run \`make bench-real\` first"
fi
L=$WORK/src/lz4/tree
BENCH=$(pwd)/bench/real
if [ -n "${PGO_KEEP:-}" ]; then
  TMP=$PGO_KEEP && rm -rf "$TMP" && mkdir -p "$TMP"
else
  TMP=$(mktemp -d)
  trap 'rm -rf "$TMP"' EXIT
fi
PROGRAMS=${PGO_PROGRAMS:-lz4 sqlite3}
tar -cf "$TMP/zlib.tar" -C "$WORK/src/zlib" tree
tar -cf "$TMP/bzip2.tar" -C "$WORK/src/bzip2" tree

# build PROG NAME CC ARGS...: PROG built by CC ARGS -O2 into $TMP/PROG.NAME/exe
build() {
  prog=$1 name=$2; shift 2
  d=$TMP/$prog.$name
  mkdir -p "$d"
  case $prog in
    lz4)
      flags="-I$L/lib" libs=""
      srcs="$L/lib/lz4.c $L/lib/lz4hc.c $L/lib/lz4frame.c $L/lib/xxhash.c
            $L/programs/lz4cli.c $L/programs/lz4io.c $L/programs/bench.c
            $L/programs/datagen.c" ;;
    sqlite3)
      flags="-DSQLITE_OS_UNIX=1 -DSQLITE_THREADSAFE=1 -DSQLITE_ENABLE_MATH_FUNCTIONS -DNDEBUG"
      libs="-lpthread -lm -ldl"
      srcs="$AMALGAMATION/sqlite3.c $AMALGAMATION/shell.c" ;;
  esac
  objs=""
  for f in $srcs; do
    o=$d/$(basename "$f" .c).o
    # shellcheck disable=SC2086 # flag lists
    "$@" -O2 $flags -c "$f" -o "$o" 2>>"$d/log" ||
      { tail -5 "$d/log" >&2; die "building $prog ($name) failed"; }
    objs="$objs $o"
  done
  # shellcheck disable=SC2086 # object and library lists
  "$@" -O2 $objs -o "$d/exe" $libs 2>>"$d/log" ||
    { tail -5 "$d/log" >&2; die "linking $prog ($name) failed"; }
}

# run WHAT BUILD INPUT OUT [callgrind]: the build's run on INPUT (lz4: c
# compresses, d decompresses; sqlite3: a script), stdout to OUT, under
# callgrind if asked (its count printed)
run() {
  what=$1 variant=$2 in=$3 out=$4 cg=$5
  set --
  [ -n "$cg" ] && set -- valgrind --tool=callgrind --cache-sim=no \
    --callgrind-out-file="$TMP/cg"
  case $what in
    lz4.c) set -- "$@" "$TMP/lz4.$variant/exe" -9 -c ;;
    lz4.d) set -- "$@" "$TMP/lz4.$variant/exe" -d -c ;;
    sqlite3) rm -rf "$TMP/scratch" && mkdir "$TMP/scratch" && cd "$TMP/scratch" &&
      set -- "$@" "$TMP/sqlite3.$variant/exe" ;;
  esac
  "$@" <"$in" >"$out" 2>"$TMP/err" || { cd - >/dev/null; tail -5 "$TMP/err" >&2; die "$what ($variant) failed"; }
  [ "$what" = sqlite3 ] && cd - >/dev/null
  [ -z "$cg" ] || sed -n 's/.*Collected : *//p' "$TMP/err" | tr -d ,
}

text() { llvm-size-19 -A "$1" | awk '$1 ~ /^\.text/ {s += $2} END {print s}'; }
echo 'int main(void) { return 0; }' >"$TMP/empty.c"
clang-19 -O2 "$TMP/empty.c" -o "$TMP/empty.plain"
"$CPCC" -O2 "$TMP/empty.c" -o "$TMP/empty.cpcc"
RT=$(($(text "$TMP/empty.cpcc") - $(text "$TMP/empty.plain")))

for prog in $PROGRAMS; do
  say "$prog: profiling"
  build "$prog" gen clang-19 -fprofile-instr-generate
  export LLVM_PROFILE_FILE="$TMP/$prog.%p.profraw"
  if [ "$prog" = lz4 ]; then
    run lz4.c gen "$TMP/zlib.tar" "$TMP/zlib.lz4"
    run lz4.d gen "$TMP/zlib.lz4" /dev/null
  else
    run sqlite3 gen "$BENCH/bench.sql" /dev/null
  fi
  unset LLVM_PROFILE_FILE
  llvm-profdata-19 merge -o "$TMP/$prog.profdata" "$TMP/$prog".*.profraw
  use="-fprofile-instr-use=$TMP/$prog.profdata"
  say "$prog: building"
  build "$prog" plain clang-19 "$use" -Wno-profile-instr-unprofiled
  build "$prog" cpcc "$CPCC" "$use" -Wno-profile-instr-unprofiled
  build "$prog" noest "$CPCC" "$use" -Wno-profile-instr-unprofiled \
    -mllvm -cancelpoints-latch-poll-estimates=0
  build "$prog" nocold "$CPCC" "$use" -Wno-profile-instr-unprofiled \
    -mllvm -cancelpoints-cold-smallest=0
  build "$prog" plain_nopgo clang-19
  build "$prog" cpcc_nopgo "$CPCC"
  say "$prog: measuring"
  [ "$prog" = lz4 ] && run lz4.c plain "$TMP/bzip2.tar" "$TMP/bzip2.lz4"
  for v in plain cpcc noest nocold plain_nopgo cpcc_nopgo; do
    if [ "$prog" = lz4 ]; then
      run lz4.c $v "$TMP/bzip2.tar" "$TMP/out" cg >"$TMP/$prog.$v.i1"
      cmp -s "$TMP/out" "$TMP/bzip2.lz4" || die "lz4 ($v): compressed output differs from plain's"
      run lz4.d $v "$TMP/bzip2.lz4" "$TMP/out" cg >"$TMP/$prog.$v.i2"
      cmp -s "$TMP/out" "$TMP/bzip2.tar" || die "lz4 ($v): decompressed output differs from the input"
    else
      run sqlite3 $v "$BENCH/bench_wal.sql" "$TMP/out.$v" cg >"$TMP/$prog.$v.i1"
      cmp -s "$TMP/out.$v" "$TMP/out.plain" || die "sqlite3 ($v): output differs from plain's"
      echo "-" >"$TMP/$prog.$v.i2"
    fi
    t=$(text "$TMP/$prog.$v/exe")
    case $v in cpcc*|noest|nocold) t=$((t - RT)) ;; esac
    echo "$t" >"$TMP/$prog.$v.t"
  done
done

ratio() { awk -v a="$(cat "$1")" -v b="$(cat "$2")" 'BEGIN {if (b + 0 > 0) printf "%.3f", a / b; else printf "-"}'; }
row() { # row PROG LABEL VARIANT BASE
  f=$TMP/$1
  echo "| $1 | $2 | $(cat "$f.$3.i1") | $(ratio "$f.$3.i1" "$f.$4.i1") | $(cat "$f.$3.i2") | $(ratio "$f.$3.i2" "$f.$4.i2") | $(cat "$f.$3.t") | $(ratio "$f.$3.t" "$f.$4.t") |"
}
{
  echo "# Points under a profile"
  echo
  echo "Written by \`sh bench/pgo/run.sh\` ($(date -u +%Y-%m-%d)); do not edit by hand."
  echo "Each program profiled on one input and measured on another: lz4's tool"
  echo "(Debian's $(basename "$(ls "$WORK"/src/lz4/*.dsc)" .dsc)) profiled compressing (-9) and decompressing a tar of"
  echo "zlib's sources, measured on a tar of bzip2's (insn 1: compress, insn 2:"
  echo "decompress); the sqlite3 shell profiled on bench/real/bench.sql, measured on"
  echo "bench/real/bench_wal.sql (insn 1). Callgrind instructions, and \`.text\` (cpcc's"
  echo "without the runtime's $RT bytes). Ratios against plain clang-19 -O2 built the"
  echo "same way (with or without the profile). Every build wrote plain's bytes."
  echo
  echo "| program | build | insn 1 | ratio | insn 2 | ratio | .text | ratio |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  for prog in $PROGRAMS; do
    row "$prog" "plain, profile" plain plain
    row "$prog" "cpcc, profile" cpcc plain
    row "$prog" "cpcc, profile, estimates off" noest plain
    row "$prog" "cpcc, profile, cold loops as hot" nocold plain
    row "$prog" "plain, no profile" plain_nopgo plain_nopgo
    row "$prog" "cpcc, no profile" cpcc_nopgo plain_nopgo
  done
} >"$OUT"
say "wrote $OUT"
