#!/bin/sh
# bench/real/run.sh [CPCC]: real programs built with plain clang-19 -O2 and with
# cpcc -O2, side by side (`make bench-real` runs this).  Fetches Debian
# bookworm source packages (zlib, bzip2, xz-utils, lua5.4, sqlite3, lz4,
# libzstd, duktape, gawk, pcre2) with apt-get source, builds each twice from
# a fresh copy, then
# bench/real/measure.py runs the workloads, checks that both builds write the
# same bytes, counts instructions (callgrind), times interleaved rounds and
# writes bench/REAL.md.  Exits non-zero on any failure.
#   CPCC             the cpcc to test (default build/bin/cpcc)
#   REAL_WORK        downloads, builds, inputs, profiles (default /tmp/cp-real);
#                    a build is redone when its compiler (cpcc, plugin,
#                    runtime) or its recipe changed
#   REAL_ROUNDS=5    timed rounds     REAL_WORKLOADS=lua,xz   a subset
set -eu
cd "$(dirname "$0")/../.."
REAL_START=$(date +%s)
export REAL_START

# --- tools, sources, recipes, fingerprints (shared with ir_diff.sh) -------
. bench/real/common.sh
bench_start bench-real "${1:-build/bin/cpcc}"
install_tools valgrind dpkg-dev tcl patch make bzip2 xz-utils python3 llvm-19

build() {  # build VARIANT CC PKG -> $WORK/bin/VARIANT/<tool>
  r=$(recipe "$3" | sed -n 1p)
  exe=$(recipe "$3" | sed -n 2p)
  dir=$WORK/build/$1/$3
  stamp="$FP $r $(ls "$WORK/src/$3"/*.dsc)"
  mkdir -p "$WORK/bin/$1"
  if [ -f "$dir/.stamp" ] && [ "$(cat "$dir/.stamp")" = "$stamp" ] && [ -x "$WORK/bin/$1/${exe##*/}" ]; then
    return 0
  fi
  say "building $3 with $1"
  rm -rf "$dir" "${WORK:?}/bin/$1/${exe##*/}"
  mkdir -p "$(dirname "$dir")" && cp -a "$WORK/src/$3/tree" "$dir"
  if (cd "$dir" && CC=$2 CFLAGS=-O2 && export CC CFLAGS && sh -c "$r") >"$LOG/build-$1-$3.log" 2>&1 &&
     cp "$dir/$exe" "$WORK/bin/$1/"; then
    echo "$stamp" >"$dir/.stamp"
    BUILT="$BUILT $1/$3"
  else
    echo "bench-real: FAIL: building $3 with $1 failed; see $LOG/build-$1-$3.log" >&2
    tail -5 "$LOG/build-$1-$3.log" >&2
    [ "$1" = plain ] && die "the plain build must work"
  fi
}

for p in $PACKAGES; do fetch "$p"; done
for p in $PACKAGES; do basename "$WORK/src/$p"/*.dsc .dsc; done | paste -sd, | sed 's/,/, /g' >"$WORK/sources.txt"
{
  for p in $PACKAGES; do
    printf '# %s -> %s\n%s\n' "$p" "$(recipe "$p" | sed -n 2p)" "$(recipe "$p" | sed -n 1p)"
  done
  echo '# lua5.4 first: patch -R -p1 <debian/patches/0001-build-system.patch (upstream Makefile), and'
  echo '# src/lua5.4-deb-multiarch.h as written by Debian'"'"'s rules'
} >"$WORK/recipes.txt"

# --- inputs: a tar of the unpacked sources (of DATA_PACKAGES), and slices of it
if [ ! -f "$WORK/input/data32" ]; then
  mkdir -p "$WORK/input"
  # shellcheck disable=SC2046 # one word per package's tree
  (cd "$WORK/src" && tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu \
     -cf - $(for p in $DATA_PACKAGES; do echo "$p/tree"; done)) | head -c 64M >"$WORK/input/data.tmp"
  for n in 1 4 8 16 32; do head -c ${n}M "$WORK/input/data.tmp" >"$WORK/input/data$n"; done
  rm "$WORK/input/data.tmp"
fi

# --- builds ---------------------------------------------------------------
BUILT=""
FP=$(fingerprint clang-19)
for p in $PACKAGES; do build plain clang-19 "$p"; done
FP=$(fingerprint "$CPCC")
for p in $PACKAGES; do build cpcc "$CPCC" "$p"; done
echo "${BUILT:+rebuilt:$BUILT}" >"$WORK/builds.txt"

# --- measure and report ---------------------------------------------------
clang-19 -O2 -shared -fPIC -o "$WORK/fixed_clock.so" bench/real/fixed_clock.c ||
  die "building bench/real/fixed_clock.c failed"
rc=0
python3 bench/real/measure.py "$WORK" "$CPCC" bench/REAL.md || rc=$?
say "took $(( $(date +%s) - REAL_START )) s (exit $rc)"
exit $rc
