#!/bin/sh
# bench/real/ir_diff.sh BEFORE_CPCC AFTER_CPCC: does a change to the pass
# change the code it generates for real programs?  Builds each package of
# `make bench-real` (bench/real/common.sh: the same Debian sources and
# recipes) with each cpcc, through a compiler wrapper that, for every C file
# compiled, also writes the IR of that translation unit (the same command
# with -S -emit-llvm, so at the recipes' -O2).  Then diffs the two IR
# trees and prints, per package, "identical" or "different" (with the files
# that differ).  Exits non-zero on any difference or failed build.
#   IRDIFF_WORK   builds and IR trees (default /tmp/cp-irdiff); a cpcc's IR
#                 is kept by its fingerprint (cpcc, plugin, runtime), so a
#                 second run rebuilds only what changed
#   REAL_WORK     where the sources are fetched (default /tmp/cp-real, shared
#                 with bench/real/run.sh)
#   IRDIFF_PACKAGES="zlib lua5.4"   a subset
set -eu
cd "$(dirname "$0")/../.."
[ $# -eq 2 ] || { echo "usage: sh bench/real/ir_diff.sh BEFORE_CPCC AFTER_CPCC" >&2; exit 2; }
WORK=${REAL_WORK:-/tmp/cp-real}
OUT=${IRDIFF_WORK:-/tmp/cp-irdiff}
LOG=$OUT/logs
FP_DIR=$OUT

die() { echo "ir-diff: error: $*" >&2; exit 1; }
say() { echo "ir-diff: $*"; }

. bench/real/common.sh
PACKAGES=${IRDIFF_PACKAGES:-$PACKAGES}
mkdir -p "$LOG" "$WORK"
install_tools dpkg-dev tcl patch make bzip2 xz-utils

abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
for c in "$1" "$2"; do [ -x "$c" ] || die "cpcc not found at '$c'"; done
BEFORE=$(abs "$1")
AFTER=$(abs "$2")

# The wrapper: runs the command as asked; then, for each C file it compiles
# (with -c, or compiled and linked in one command), the same command again
# with -S -emit-llvm into $IRDIFF_IR, named after its object (relative to
# the package's build directory, so that both builds name it alike), or
# after the source when there is no object; without the dependency-file
# options and the linker's inputs.  The IR of a file gone after the build
# (configure's test programs) is dropped.
WRAP=$OUT/ircc
cat >"$WRAP" <<'EOF'
#!/bin/sh
"$IRDIFF_CC" "$@" || exit $?
compile=0 srcs="" obj="" skip=""
for a do
  shift
  if [ -n "$skip" ]; then
    [ "$skip" = o ] && obj=$a
    skip=""; continue
  fi
  case $a in
    -c) compile=1 ;;
    -E|-S|-M|-MM|-fsyntax-only) exit 0 ;;
    *.c) srcs="$srcs $a" ;;
    -o) skip=o ;;
    -MF|-MT|-MQ) skip=1 ;;
    -MD|-MMD|-MP) ;;
    -l*|-L*|-Wl,*|-rdynamic|-static|-shared|*.o|*.a|*.so|*.so.*|*.la) ;;
    *) set -- "$@" "$a" ;;
  esac
done
for src in $srcs; do
  if [ "$compile" = 1 ]; then o=${obj:-$(basename "${src%.c}").o}; else o=$src; fi
  rel=$(realpath -m --relative-to="$IRDIFF_ROOT" "$o")
  mkdir -p "$IRDIFF_IR/$(dirname "$rel")"
  "$IRDIFF_CC" "$@" "$src" -S -emit-llvm -o "$IRDIFF_IR/$rel.ll" || exit $?
  printf '%s\t%s\n' "$IRDIFF_IR/$rel.ll" "$(realpath -m "$src")" >>"$IRDIFF_IR.srcs"
done
EOF
chmod +x "$WRAP"

irbuild() {  # irbuild CPCC PKG: the IR tree of PKG built with CPCC -> stdout
  fp=$(fingerprint "$1")
  r=$(recipe "$2" | sed -n 1p)
  ir=$OUT/ir/$fp/$2
  stamp="$r $(ls "$WORK/src/$2"/*.dsc) $(cksum <"$WRAP")"
  if [ -f "$ir.stamp" ] && [ "$(cat "$ir.stamp")" = "$stamp" ]; then
    echo "$ir"; return 0
  fi
  # Both builds in the same directory: the IR names its source file's path.
  dir=$OUT/build/$2
  say "building $2 with $1" >&2
  rm -rf "$dir" "$ir" "$ir.stamp" "$ir.srcs"
  mkdir -p "$OUT/build" "$ir" && cp -a "$WORK/src/$2/tree" "$dir" && : >"$ir.srcs"
  if (cd "$dir" && CC=$WRAP CFLAGS=-O2 IRDIFF_CC=$1 IRDIFF_IR=$ir IRDIFF_ROOT=$dir &&
      export CC CFLAGS IRDIFF_CC IRDIFF_IR IRDIFF_ROOT && sh -c "$r") >"$LOG/build-$2-$fp.log" 2>&1; then
    while IFS=$(printf '\t') read -r ll src; do
      [ -f "$src" ] || rm -f "$ll"
    done <"$ir.srcs"
    echo "$stamp" >"$ir.stamp"
    echo "$ir"
  else
    echo "ir-diff: FAIL: building $2 with $1 failed; see $LOG/build-$2-$fp.log" >&2
    tail -5 "$LOG/build-$2-$fp.log" >&2
    return 1
  fi
}

rc=0
for p in $PACKAGES; do fetch "$p"; done
for p in $PACKAGES; do
  if ! a=$(irbuild "$BEFORE" "$p") || ! b=$(irbuild "$AFTER" "$p"); then
    rc=1; continue
  fi
  n=$(find "$a" -name '*.ll' | wc -l)
  [ "$n" -gt 0 ] || { echo "$p: no IR written (is the recipe's compiler the wrapper?)"; rc=1; continue; }
  if diff -rq "$a" "$b" >"$LOG/diff-$p.txt" 2>&1; then
    echo "$p: identical ($n translation units)"
  else
    echo "$p: different:"; sed 's/^/  /' "$LOG/diff-$p.txt"
    rc=1
  fi
done
exit $rc
