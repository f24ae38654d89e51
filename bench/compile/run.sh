#!/bin/sh
# bench/compile/run.sh [CPCC]: what the plugin costs the compiler, counted in
# instructions.  Compile time on a shared 2-core machine varies by tens of
# percent from run to run, so each file is compiled under callgrind, whose
# counts repeat to a few parts in a million: `clang-19 -O2 -c` against
# `cpcc -O2 -c`, every process of the compile summed (cpcc's wrapper, the
# driver, the compiler, the plugins' loading).  The files are real sources of bench-real's programs (Debian's,
# fetched as bench/real/run.sh fetches them), each compiled on its own from
# its source tree.  Writes bench/COMPILE.md: per file the two counts, their
# ratio, and the share of the plugin's own passes (the passes' inclusive
# instructions in cpcc's compiler process); the rest of the difference is
# the optimiser and the code generator working on the code the points add.
#   CPCC              the cpcc to test (default build/bin/cpcc)
#   REAL_WORK         where the sources live (default /tmp/cp-real)
#   COMPILE_FILES     a subset: names of files, e.g. 'lvm.c deflate.c'
set -e
OUT=bench/COMPILE.md

# shellcheck source=bench/real/common.sh
. bench/real/common.sh
bench_start bench-compile "${1:-build/bin/cpcc}"
install_tools valgrind dpkg-dev patch

# file, package, flags (relative to the package's tree)
FILES="
lvm.c lua5.4 src/lvm.c -DLUA_USE_LINUX
lparser.c lua5.4 src/lparser.c -DLUA_USE_LINUX
lgc.c lua5.4 src/lgc.c -DLUA_USE_LINUX
deflate.c zlib deflate.c
inflate.c zlib inflate.c
compress.c bzip2 compress.c -D_FILE_OFFSET_BITS=64
decompress.c bzip2 decompress.c -D_FILE_OFFSET_BITS=64
lz4.c lz4 lib/lz4.c
lz4hc.c lz4 lib/lz4hc.c
zstd_lazy.c libzstd lib/compress/zstd_lazy.c
zstd_decompress_block.c libzstd lib/decompress/zstd_decompress_block.c
pcre2_match.c pcre2 src/pcre2_match.c -DHAVE_CONFIG_H -DPCRE2_CODE_UNIT_WIDTH=8 -I@generic@
"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# count DIR CC ARGS...: the instructions of one compile, all processes
# summed, into DIR/sum (none if the compile failed: DIR/log says why)
count() {
  d=$1; shift
  mkdir -p "$d"
  valgrind --tool=callgrind --cache-sim=no --trace-children=yes \
    --callgrind-out-file="$d/cg.%p" "$@" >"$d/log" 2>&1 &&
    cat "$d"/cg.* | sed -n 's/^summary: //p' |
    awk '{s += $1} END {printf "%.0f\n", s}' >"$d/sum"
}

# sum DIR: what count wrote, or the failure
sum() {
  [ -s "$1/sum" ] || { tail -5 "$1/log" >&2; die "compile failed (see above)"; }
  cat "$1/sum"
}

# own DIR: the plugin's passes' inclusive instructions in the largest profile
# (the compiler process)
own() {
  # shellcheck disable=SC2012 # the names are cg.<pid>
  main=$(ls -S "$1"/cg.* | head -n 1)
  callgrind_annotate --inclusive=yes --threshold=100 "$main" 2>/dev/null |
    grep -E 'PassModel<[^,]*, cancelpoints::|CheckConsumer::HandleTopLevelDecl' |
    sed 's/^ *\([0-9,]*\) .*/\1/; s/,//g' | awk '{s += $1} END {printf "%.0f", s}'
}

{
  echo "# Compile cost, in instructions"
  echo
  echo "Written by \`sh bench/compile/run.sh\` ($(date -u +%Y-%m-%d)): callgrind instructions of"
  echo "\`clang-19 -O2 -c FILE\` and \`cpcc -O2 -c FILE\`, every process of the compile summed."
  echo "\"passes\" is the plugin's own passes (inclusive: with the analyses they ask for), as a share of plain's"
  echo "count; the rest of the difference is the optimiser and the code generator on the code the points add."
  echo
  echo "| file | plain | cpcc | ratio | passes |"
  echo "| --- | ---: | ---: | ---: | ---: |"
} >"$TMP/table"

echo "$FILES" | while read -r name pkg path flags; do
  [ -n "$name" ] || continue
  if [ -n "$COMPILE_FILES" ]; then
    case " $COMPILE_FILES " in *" $name "*) ;; *) continue ;; esac
  fi
  fetch "$pkg"
  tree=$WORK/src/$pkg/tree
  if [ "$pkg" = pcre2 ]; then # its generic configuration, as its README says
    mkdir -p "$TMP/generic"
    cp "$tree/src/config.h.generic" "$TMP/generic/config.h"
    cp "$tree/src/pcre2.h.generic" "$TMP/generic/pcre2.h"
    flags=$(echo "$flags" | sed "s|@generic@|$TMP/generic|")
  fi
  say "$name"
  # the two compiles side by side (callgrind's counts do not depend on it)
  # shellcheck disable=SC2086 # flags are words
  count "$TMP/$name.plain" clang-19 -O2 -w -c "$tree/$path" -o "$TMP/p.o" $flags &
  # shellcheck disable=SC2086
  count "$TMP/$name.cpcc" "$CPCC" -O2 -w -c "$tree/$path" -o "$TMP/c.o" $flags
  wait
  p=$(sum "$TMP/$name.plain")
  c=$(sum "$TMP/$name.cpcc")
  o=$(own "$TMP/$name.cpcc")
  echo "$name $p $c $o" >>"$TMP/counts"
  rm -rf "$TMP/$name.plain" "$TMP/$name.cpcc"
done

awk '
  function commas(n,  s) { s = sprintf("%.0f", n); while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); return s }
  { r = $3 / $2; g += log(r); o += log(1 + $4 / $2); n++
    printf "| %s | %s | %s | %.3f | %.1f%% |\n", $1, commas($2), commas($3), r, 100 * $4 / $2 }
  END { if (n) printf "| **geomean** | | | **%.3f** | %.1f%% |\n", exp(g / n), 100 * (exp(o / n) - 1) }
' "$TMP/counts" >>"$TMP/table"
cp "$TMP/table" "$OUT"
cat "$OUT"
say "wrote $OUT"
