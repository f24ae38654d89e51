#!/bin/sh
# bench/real/suites.sh [CPCC]: `make real-suites` - real projects' own test
# suites, built from Debian bookworm source packages (apt-get source, as
# bench/real/common.sh fetches them) three ways: with plain clang-19, with
# cpcc, and the cpcc build run again in chaos mode.  Prints, and writes to
# bench/SUITES.md, each suite's pass counts; exits non-zero when a suite
# passes fewer tests under cpcc (or in chaos mode) than under clang, or when
# a chaos run made no reset.  Not part of make check (about 15 minutes).
#   SUITES_WORK       sources, builds and logs (default /tmp/cp-suites)
#   REAL_SUITES       the packages (default below)
#   SUITES_CHAOS_US   chaos mode's mean microseconds (default 20)
set -eu
cd "$(dirname "$0")/../.."
CPCC=${1:-build/bin/cpcc}
[ -x "$CPCC" ] || { echo "real-suites: error: cpcc not found at '$CPCC'" >&2; exit 1; }
CPCC=$(cd "$(dirname "$CPCC")" && pwd)/$(basename "$CPCC")
CPCXX=$(dirname "$CPCC")/cpc++
WORK=${SUITES_WORK:-/tmp/cp-suites}
SUITES=${REAL_SUITES:-"zlib bzip2 xz-utils jansson json-c libyaml pcre2"}
CHAOS_US=${SUITES_CHAOS_US:-20}
LOG=$WORK/logs
mkdir -p "$LOG"
die() { echo "real-suites: error: $*" >&2; exit 1; }
say() { echo "real-suites: $*"; }
. bench/real/common.sh
install_tools dpkg-dev make cmake

# suite_build PKG: configure and build, in the tree, with CC, CXX and CFLAGS set
suite_build() {
  case $1 in
    zlib) echo './configure --static && make -j2' ;;
    bzip2) echo 'make -j2 CC="$CC" CFLAGS="$CFLAGS -D_FILE_OFFSET_BITS=64" all' ;;
    xz-utils) echo './configure --disable-shared --disable-nls --disable-doc && make -j2' ;;
    expat) echo 'cmake -S expat -B b -DEXPAT_BUILD_TESTS=ON -DEXPAT_BUILD_DOCS=OFF -DEXPAT_BUILD_EXAMPLES=OFF -DEXPAT_BUILD_TOOLS=ON && cmake --build b -j2' ;;
    jansson) echo 'cmake -S . -B b -DJANSSON_BUILD_DOCS=OFF -DJANSSON_WITHOUT_TESTS=OFF && cmake --build b -j2' ;;
    json-c) echo 'cmake -S . -B b -DBUILD_TESTING=ON -DDISABLE_WERROR=ON && cmake --build b -j2' ;;
    libyaml) echo 'cmake -S . -B b -DBUILD_TESTING=ON && cmake --build b -j2' ;;
    pcre2) echo './configure --disable-shared --enable-jit && make -j2' ;;
    *) die "no recipe for $1" ;;
  esac
}

# suite_test PKG: run the suite, in the tree
suite_test() {
  case $1 in
    zlib) echo 'make test' ;;
    bzip2) echo 'make test CC="$CC"' ;;
    xz-utils|pcre2) echo 'make -j2 check' ;;
    json-c) echo 'cd b && USE_VALGRIND=0 ctest -j2 --timeout 300' ;; # its scripts run valgrind by default
    jansson|libyaml) echo 'cd b && ctest -j2 --timeout 300' ;;
  esac
}

# suite_count PKG DIR LOGFILE: "passed total" from what the suite wrote
suite_count() {
  case $1 in
    zlib) # "*** zlib test OK ***", "*** zlib 64-bit test OK ***"; "*** ... FAILED ***"
      p=$(grep -c 'test OK \*\*\*' "$3" || true)
      f=$(grep -c 'FAILED' "$3" || true)
      echo "$p $((p + f))" ;;
    bzip2) # six compress/decompress round trips, each compared with cmp
      p=$(grep -c '^cmp ' "$3" || true)
      grep -q 'in business' "$3" || p=$((p > 0 ? p - 1 : 0))
      echo "$p 6" ;;
    xz-utils|pcre2) # automake: the test-suite.log of every directory
      find "$2" -name test-suite.log | xargs cat | awk '
        /^# TOTAL:/ {t += $3} /^# PASS:/ {p += $3} /^# SKIP:/ {s += $3} /^# XFAIL:/ {p += $3}
        END {print p + 0, t - s}' ;;
    *) # ctest: "NN% tests passed, F tests failed out of T"
      sed -n 's/.* tests passed, \([0-9]*\) tests\{0,1\} failed out of \([0-9]*\).*/\1 \2/p' "$3" | tail -1 |
        awk '{print $2 - $1, $2}' ;;
  esac
}

for p in $SUITES; do fetch "$p"; done

RESULTS=$WORK/results.txt
: >"$RESULTS"
status=0
for p in $SUITES; do
  for v in plain cpcc; do
    if [ $v = plain ]; then cc=clang-19 cxx=clang++-19; else cc=$CPCC cxx=$CPCXX; fi
    dir=$WORK/build/$v/$p
    rm -rf "$dir" && mkdir -p "$(dirname "$dir")" && cp -a "$WORK/src/$p/tree" "$dir"
    say "$p: building with $v"
    if ! (cd "$dir" && CC=$cc CXX=$cxx CFLAGS=-O2 CXXFLAGS=-O2 && export CC CXX CFLAGS CXXFLAGS &&
          sh -c "$(suite_build "$p")") >"$LOG/build-$v-$p.log" 2>&1; then
      echo "$p $v build-failed" >>"$RESULTS"
      say "$p: FAIL: the $v build failed (see $LOG/build-$v-$p.log)"
      status=1
      continue
    fi
    runs=$v
    [ $v = cpcc ] && runs="cpcc chaos"
    for r in $runs; do
      say "$p: running its suite ($r)"
      stats=$WORK/stats-$p.txt
      rm -f "$stats"
      if [ $r = chaos ]; then
        set -- env CANCELPOINTS_CHAOS="$CHAOS_US" CANCELPOINTS_STATS="$stats"
      else
        set -- env
      fi
      t0=$(date +%s)
      (cd "$dir" && CC=$cc && export CC && "$@" sh -c "$(suite_test "$p")") >"$LOG/test-$r-$p.log" 2>&1 || true
      t1=$(date +%s)
      set -- $(suite_count "$p" "$dir" "$LOG/test-$r-$p.log")
      resets=-
      if [ $r = chaos ]; then
        resets=$(sed -n 's/.* resets=\([0-9]*\) .*/\1/p' "$stats" 2>/dev/null | awk '{s += $1} END {print s + 0}')
        progs=$(wc -l <"$stats" 2>/dev/null || echo 0)
        resets="$resets in $progs processes"
      fi
      echo "$p $r ${1:-0} ${2:-0} $((t1 - t0)) $resets" >>"$RESULTS"
      say "$p: $r: ${1:-0} of ${2:-0} passed ($((t1 - t0)) s${resets:+, resets: $resets})"
    done
  done
done

# The verdict: cpcc and chaos pass what plain passes; chaos made resets.
md=bench/SUITES.md
{
  echo "# Real test suites built with cpcc"
  echo
  echo "\`make real-suites\` (bench/real/suites.sh): each Debian bookworm source package's own"
  echo "test suite, built with plain \`clang-19 -O2\` and with \`cpcc -O2\` (its C++ tests with"
  echo "\`cpc++\`), and the cpcc build's suite run again with \`CANCELPOINTS_CHAOS=$CHAOS_US\`"
  echo "(\`CANCELPOINTS_STATS\` naming a file, so that every process of the suite adds its"
  echo "counters there and none of its output changes). Passed / total as the suite counts"
  echo "(automake's test-suite.log, ctest, zlib's and bzip2's own make test)."
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "- sources: $(for p in $SUITES; do basename "$WORK/src/$p"/*.dsc .dsc; done | paste -sd, | sed 's/,/, /g')"
  echo
  echo "| package | plain clang | cpcc | cpcc, chaos mode | resets in chaos mode |"
  echo "| --- | --- | --- | --- | --- |"
  for p in $SUITES; do
    cell() { awk -v p="$p" -v r="$1" '$1 == p && $2 == r { if ($3 == "build-failed") print "build failed"; else print $3 " / " $4 }' "$RESULTS"; }
    res=$(awk -v p="$p" '$1 == p && $2 == "chaos" { $1 = $2 = $3 = $4 = $5 = ""; sub(/^ +/, ""); print }' "$RESULTS")
    echo "| $p | $(cell plain) | $(cell cpcc) | $(cell chaos) | ${res:--} |"
  done
} >"$md"
cat "$md"
for p in $SUITES; do
  pl=$(awk -v p="$p" '$1 == p && $2 == "plain" {print $3}' "$RESULTS")
  for r in cpcc chaos; do
    got=$(awk -v p="$p" -v r="$r" '$1 == p && $2 == r {print $3}' "$RESULTS")
    if [ -z "$got" ] || [ "$got" = build-failed ] || [ "$pl" = build-failed ] || [ "$got" -lt "$pl" ]; then
      say "FAIL: $p passes fewer tests with $r (${got:-none}) than with plain clang (${pl:-none}); logs in $LOG"
      status=1
    fi
  done
  if awk -v p="$p" '$1 == p && $2 == "chaos" && $6 == 0 {f = 1} END {exit !f}' "$RESULTS"; then
    say "FAIL: $p: no reset in chaos mode"
    status=1
  fi
done
exit $status
