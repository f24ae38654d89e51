#!/bin/sh
# make demo: build examples/collatz.c with cpcc, start it, ^C it after a
# second, show what it printed and how it ended; then the same with plain
# clang, for contrast.  Exits non-zero if either run did not end as it should.
#   sh examples/demo.sh [BUILD_DIR]
set -eu
build=${1:-build}
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
top=$(dirname -- "$here")
cpcc=$build/bin/cpcc
[ -x "$cpcc" ] || { echo "demo: $cpcc is missing: run \`make\` first" >&2; exit 1; }
clang=$("$cpcc" --version | sed -n 's/^cpcc (cancelpoints [^)]*) wrapping \([^,]*\).*/\1/p')
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cancelpoints-demo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
interrupt() { # program, report file: run it, ^C it after a second
  python3 "$top/test/tools/interrupt.py" --marker '' --after-ms 1000 --timeout 10 \
    --stderr-prefix 'STDERR ' -- "$1" >"$2" || true
}
show() { # report file
  echo "  stdout:"
  grep -v -e '^STDERR ' -e '^status: ' -e '^latency_ms: ' -e '^signals_sent: ' "$1" \
    | sed 's/^/    | /' || true
  echo "  stderr:"
  sed -n 's/^STDERR /    | /p' "$1"
  echo "  $(grep '^status: ' "$1"), $(sed -n 's/^latency_ms: \([0-9]*\.*[0-9]\{0,1\}\).*/\1/p' "$1") ms after the ^C"
}
ok=1

echo "== 1. built with cpcc"
echo "\$ $cpcc -O2 -g -Rpass=cancelpoints examples/collatz.c -o collatz"
CPCC_VERBOSE=1 "$cpcc" -O2 -g -Rpass=cancelpoints -fno-caret-diagnostics \
  "$top/examples/collatz.c" -o "$tmp/collatz" 2>"$tmp/cc.log" \
  || { cat "$tmp/cc.log" >&2; exit 1; }
echo "  cpcc ran: $(sed -n 1p "$tmp/cc.log")"
sed -n '2,$s|^.*/\([^/]*: remark: \)|  \1|p' "$tmp/cc.log"
echo "\$ ./collatz            # searches for many minutes; ^C after 1 s"
interrupt "$tmp/collatz" "$tmp/cp.out"
show "$tmp/cp.out"
grep -q '^status: exit=130$' "$tmp/cp.out" || { echo "demo: FAILED: expected exit status 130" >&2; ok=0; }
grep -q '^STDERR cancelpoints: cancelled by SIGINT in ' "$tmp/cp.out" || { echo "demo: FAILED: no cancelpoints report on stderr" >&2; ok=0; }
grep -q '^searching up to' "$tmp/cp.out" || { echo "demo: FAILED: the buffered first line was lost" >&2; ok=0; }
grep -q 'atexit handler' "$tmp/cp.out" || { echo "demo: FAILED: the atexit handler did not run" >&2; ok=0; }
echo "  The search loop is effect-free, so the pass armed a reset region before it (the remark); ^C moved"
echo "  the thread back to the region's point, which saw the request: one report line, then exit(130)."
echo

echo "== 2. the same program built with plain clang"
echo "\$ $(basename "$clang") -O2 examples/collatz.c -o collatz-plain"
"$clang" -O2 "$top/examples/collatz.c" -o "$tmp/collatz-plain"
echo "\$ ./collatz-plain      # ^C after 1 s"
interrupt "$tmp/collatz-plain" "$tmp/plain.out"
show "$tmp/plain.out"
grep -q '^status: signal=SIGINT$' "$tmp/plain.out" || { echo "demo: FAILED: expected death by SIGINT" >&2; ok=0; }
! grep -q -e '^searching up to' -e 'atexit handler' "$tmp/plain.out" || { echo "demo: FAILED: unexpected output from the plain build" >&2; ok=0; }
echo "  SIGINT killed it where it stood: the line waiting in its stdout buffer was lost"
echo "  and no atexit handler ran."

[ "$ok" = 1 ] || exit 1
