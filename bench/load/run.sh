#!/bin/sh
# bench/load/run.sh CPCC [SECONDS]: `make load` - the runtime under load and
# faults (load.c) for SECONDS (default 60) twice: once as it is, once under a
# storm of SIGURG from another process (LOAD_STORM_HZ, default 100000) with
# the chaos thread at its fastest (CANCELPOINTS_CHAOS=1).  Both runs must
# print the same verdict lines, every one of them good, and the second must
# show resets in its stats line.  Writes bench/LOAD.md with the figures.
#   LOAD_WORK   where the binary and the logs go (default /tmp/cp-load)
#   LOAD_RATE   scopes per second to aim at (default 10000)
set -eu
cd "$(dirname "$0")/../.."
CPCC=${1:-build/bin/cpcc}
SECONDS_=${2:-60}
WORK=${LOAD_WORK:-/tmp/cp-load}
HZ=${LOAD_STORM_HZ:-100000}
RATE=${LOAD_RATE:-10000}
mkdir -p "$WORK"
"$CPCC" -O2 bench/load/load.c -o "$WORK/load" -ldl

run() { # run NAME ENV... -- ARGS...
  name=$1; shift
  echo "load: $name run, $SECONDS_ s"
  rc=0
  env "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || rc=$?
  cat "$WORK/$name.out"
  grep '^load: ' "$WORK/$name.err" || true
  grep '^cancelpoints: stats:' "$WORK/$name.err" | tail -1 # the program's; its children's come before
  [ "$rc" = 0 ] || { echo "load: FAIL: the $name run exited $rc (see $WORK/$name.err)" >&2; exit 1; }
}
run plain CANCELPOINTS_STATS=1 "$WORK/load" -t "$SECONDS_" -r "$RATE"
run storm CANCELPOINTS_STATS=1 CANCELPOINTS_CHAOS=1 "$WORK/load" -t "$SECONDS_" -r "$RATE" -s "$HZ"
diff "$WORK/plain.out" "$WORK/storm.out" >/dev/null ||
  { echo "load: FAIL: the storm run printed another verdict" >&2; exit 1; }
stats=$(grep '^cancelpoints: stats:' "$WORK/storm.err" | tail -1)
case $stats in
  *" resets=0 "*|"") echo "load: FAIL: no resets in the storm run: $stats" >&2; exit 1 ;;
esac

fig() { grep "^load: $2" "$WORK/$1.err" | head -1 | sed "s/^load: //"; }
{
  echo "# The runtime under load and faults"
  echo
  echo "\`make load LOAD_SECONDS=$SECONDS_\` (bench/load/run.sh; the program: bench/load/load.c, whose"
  echo "top comment says what it does and what each verdict line checks). A short run of"
  echo "the same is in \`make check\` (test/e2e/load.test)."
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "- machine: $(nproc) cores, $(uname -sr), load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- commands: \`load -t $SECONDS_ -r $RATE\`, then \`CANCELPOINTS_CHAOS=1 load -t $SECONDS_ -r $RATE -s $HZ\`, both with CANCELPOINTS_STATS=1"
  echo
  echo "Verdict, the same in both runs:"
  echo
  sed 's/^/    /' "$WORK/plain.out"
  for r in plain storm; do
    echo
    echo "## $r run"
    echo
    for k in seconds bytes faults rss_kb; do echo "    $(fig $r $k)"; done
    echo "    $(grep '^cancelpoints: stats:' "$WORK/$r.err" | tail -1)"
  done
  echo
  echo "scopes_per_s counts requests finished in the measured phase (after the warm-up);"
  echo "\"aimed\" is the rate the workers pace themselves to. storm_signals counts the"
  echo "SIGURGs the storm process sent (it asks for ${HZ} a second; kill(2) on a loaded"
  echo "2-core machine sends fewer); the stats line's signals counts those the runtime"
  echo "received (pending ones merge). rss_kb and heap are taken with every worker"
  echo "parked between requests, after the warm-up and at the end."
} >bench/LOAD.md
echo "load: wrote bench/LOAD.md"
