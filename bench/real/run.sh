#!/bin/sh
# bench/real/run.sh [CPCC]: real programs built with plain clang-19 -O2 and with
# cpcc -O2, side by side (`make bench-real` runs this).  Fetches Debian
# bookworm source packages (zlib, bzip2, xz-utils, lua5.4, sqlite3, lz4,
# libzstd) with apt-get source, builds each twice from a fresh copy, then
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
CPCC=${1:-build/bin/cpcc}
WORK=${REAL_WORK:-/tmp/cp-real}
PACKAGES="bzip2 libzstd lua5.4 lz4 sqlite3 xz-utils zlib"

die() { echo "bench-real: error: $*" >&2; exit 1; }
say() { echo "bench-real: $*"; }

[ -x "$CPCC" ] || die "cpcc not found at '$CPCC' (build it with \`make\`, or pass its path: sh bench/real/run.sh /path/to/cpcc)"
CPCC=$(cd "$(dirname "$CPCC")" && pwd)/$(basename "$CPCC")
command -v clang-19 >/dev/null 2>&1 || die "clang-19 not found (make installs it)"
mkdir -p "$WORK/logs"
LOG=$WORK/logs

# --- tools --------------------------------------------------------------
need=""
for p in valgrind dpkg-dev tcl patch make bzip2 xz-utils python3 llvm-19; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need="$need $p"
done
if [ -n "$need" ]; then
  say "installing:$need"
  [ "$(id -u)" -eq 0 ] || die "need root to install:$need"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need; } \
    >"$LOG/apt-install.log" 2>&1 || die "apt-get install failed; missing:$need (see $LOG/apt-install.log)"
fi

# --- sources: apt-get source, with a deb-src entry added if there is none ---
SRC_LIST=/etc/apt/sources.list.d/cancelpoints-src.sources
add_deb_src() {
  grep -Rqs -e '^deb-src ' -e '^Types:.*deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/ && return 0
  [ "$(id -u)" -eq 0 ] || die "no deb-src entry in /etc/apt/sources.list*, and not root to add one"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types:.*/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >"$SRC_LIST"
  elif grep -qs '^deb ' /etc/apt/sources.list; then
    SRC_LIST=/etc/apt/sources.list.d/cancelpoints-src.list
    sed -n 's/^deb /deb-src /p' /etc/apt/sources.list >"$SRC_LIST"
  else
    die "no Debian deb entry to derive a deb-src entry from"
  fi
  say "added $SRC_LIST"
  apt-get update -qq >"$LOG/apt-update.log" 2>&1 || die "apt-get update failed (see $LOG/apt-update.log)"
}

fetch() {  # fetch PKG: the .dsc and tarballs into $WORK/src/PKG, unpacked in tree/
  d=$WORK/src/$1
  [ -f "$d/.unpacked" ] && return 0
  add_deb_src
  rm -rf "$d" "$d.tmp" && mkdir -p "$d.tmp"
  say "apt-get source $1"
  if ! (cd "$d.tmp" && apt-get source --download-only -qq "$1") >"$LOG/fetch-$1.log" 2>&1; then
    # the newest version may be missing from the mirror: try the others
    ok=""
    for v in $(apt-cache showsrc "$1" 2>/dev/null | sed -n 's/^Version: //p' | sort -ruV); do
      rm -rf "$d.tmp" && mkdir -p "$d.tmp"
      if (cd "$d.tmp" && apt-get source --download-only -qq "$1=$v") >>"$LOG/fetch-$1.log" 2>&1; then
        ok=$v; break
      fi
    done
    [ -n "$ok" ] || die "apt-get source $1 failed: source package '$1' is missing (see $LOG/fetch-$1.log; needs a deb-src entry for Debian bookworm)"
  fi
  mv "$d.tmp" "$d"
  (cd "$d" && dpkg-source -x ./*.dsc tree) >>"$LOG/fetch-$1.log" 2>&1 || die "dpkg-source -x failed for $1 (see $LOG/fetch-$1.log)"
  prepare "$1" "$d/tree"
  touch "$d/.unpacked"
}

prepare() {  # prepare PKG DIR: once, on the unpacked tree
  case $1 in
    lua5.4)  # upstream's Makefile (Debian's builds shared libraries with libtool);
             # the header Debian's rules write for its module paths
      (cd "$2" && patch -R -s -p1 <debian/patches/0001-build-system.patch &&
       printf '#define DEB_HOST_MULTIARCH "%s"\n' "$(dpkg-architecture -qDEB_HOST_MULTIARCH)" \
         >src/lua5.4-deb-multiarch.h) ;;
  esac
}

# recipe PKG: the build commands, run in the tree with CC and CFLAGS set;
# the last word of the second line is the executable measured.
recipe() {
  case $1 in
    zlib) echo './configure --static && make -j2 libz.a minigzip
minigzip' ;;
    bzip2) echo 'make -j2 CC="$CC" CFLAGS="$CFLAGS -D_FILE_OFFSET_BITS=64" libbz2.a bzip2.o && $CC $CFLAGS -o bzip2 bzip2.o libbz2.a
bzip2' ;;
    xz-utils) echo './configure --disable-shared --disable-nls --disable-doc --disable-scripts --disable-xzdec --disable-lzmadec --disable-lzmainfo --disable-lzma-links && make -j2
src/xz/xz' ;;
    lua5.4) echo 'make -j2 -C src linux CC="$CC" MYCFLAGS="$CFLAGS"
src/lua' ;;
    sqlite3) echo './configure --disable-shared --disable-tcl --disable-readline --disable-editline && make -j2 sqlite3
sqlite3' ;;
    lz4) echo 'make -j2 -C lib liblz4.a CC="$CC" CFLAGS="$CFLAGS" && make -j2 -C programs lz4 CC="$CC" CFLAGS="$CFLAGS"
programs/lz4' ;;
    libzstd) echo 'make -j2 -C programs zstd CC="$CC" CFLAGS="$CFLAGS" HAVE_ZLIB=0 HAVE_LZMA=0 HAVE_LZ4=0
programs/zstd' ;;
  esac
}

# fingerprint CC: what a build depends on, so a changed compiler rebuilds
# (for cpcc: itself and every file its command line names - the clang, the
# plugin, the runtime - plus the runtime's headers)
fingerprint() {
  if [ "$1" = clang-19 ]; then
    { clang-19 --version; sha256sum "$(command -v clang-19)"; } | sha256sum | cut -c1-16
    return
  fi
  echo 'int main(void){return 0;}' >"$WORK/fp.c"
  words=$(CPCC_VERBOSE=1 "$1" -O2 "$WORK/fp.c" -o "$WORK/fp" 2>&1 >/dev/null | tr ' ' '\n' | sed 's/^-[^/]*//')
  {
    cat "$1"
    for f in $words; do
      case $f in
        "$WORK"/fp*) ;;
        *) if [ -f "$f" ]; then cat "$f"; elif [ -d "$f" ]; then find "$f" -type f | sort | xargs cat; fi ;;
      esac
    done
  } | sha256sum | cut -c1-16
}

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
  rm -rf "$dir" "$WORK/bin/$1/${exe##*/}"
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

# --- inputs: a tar of the unpacked sources, and slices of it -------------
if [ ! -f "$WORK/input/data32" ]; then
  mkdir -p "$WORK/input"
  (cd "$WORK/src" && tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu \
     -cf - $(for p in $PACKAGES; do echo "$p/tree"; done)) | head -c 64M >"$WORK/input/data.tmp"
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
rc=0
python3 bench/real/measure.py "$WORK" "$CPCC" bench/REAL.md || rc=$?
say "took $(( $(date +%s) - REAL_START )) s (exit $rc)"
exit $rc
