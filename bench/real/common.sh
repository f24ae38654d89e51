# bench/real/common.sh: the parts of the real-program benchmark that more
# than one script needs, sourced by bench/real/run.sh, bench/real/ir_diff.sh
# and bench/compile/run.sh: the cpcc to measure (need_cpcc), the Debian
# packages the builds need (install_tools), the Debian source packages
# fetched and prepared once (fetch), their build recipes (recipe), and a
# fingerprint of a compiler (fingerprint).
# The sourcing script calls bench_start, or defines die and say and sets
#   WORK    where the sources live ($WORK/src/PKG/tree)
#   LOG     where the logs go
# itself; and FP_DIR, scratch for fingerprint (default $WORK).
PACKAGES="bzip2 duktape gawk libzstd lua5.4 lz4 pcre2 sqlite3 xz-utils zlib"
# the packages whose source trees make the input tar (run.sh): the first
# seven only, so that adding a package leaves the existing inputs as they are
DATA_PACKAGES="bzip2 libzstd lua5.4 lz4 sqlite3 xz-utils zlib"

# need_cpcc PATH: PATH made absolute, if it is a cpcc and clang-19 is
# there to compare it with; else dies
need_cpcc() {
  [ -x "$1" ] || die "cpcc not found at '$1' (build it with \`make\`, or pass its path)"
  command -v clang-19 >/dev/null 2>&1 || die "clang-19 not found (make installs it)"
  echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
}

# bench_start NAME CPCC: how a script that measures CPCC on these programs
# starts: die and say prefixed with NAME, WORK (REAL_WORK, default
# /tmp/cp-real), LOG ($WORK/logs, made) and CPCC made absolute (need_cpcc)
bench_start() {
  BENCH_NAME=$1
  die() { echo "$BENCH_NAME: error: $*" >&2; exit 1; }
  say() { echo "$BENCH_NAME: $*"; }
  WORK=${REAL_WORK:-/tmp/cp-real}
  LOG=$WORK/logs && mkdir -p "$LOG"
  CPCC=$(need_cpcc "$2") || exit 1
}

# install_tools PKG...: apt-get install those of the Debian packages missing
install_tools() {
  need=""
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need="$need $p"
  done
  if [ -n "$need" ]; then
    say "installing:$need"
    [ "$(id -u)" -eq 0 ] || die "need root to install:$need"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need; } \
      >"$LOG/apt-install.log" 2>&1 || die "apt-get install failed; missing:$need (see $LOG/apt-install.log)"
  fi
}

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
# the last word of the second line is the executable measured.  Lua's
# string-hash seed is fixed (it mixes in the time and the address of a
# function, which differs between the two builds), so that both builds hash
# alike and callgrind's counts repeat.
recipe() {
  case $1 in
    zlib) echo './configure --static && make -j2 libz.a minigzip
minigzip' ;;
    bzip2) echo 'make -j2 CC="$CC" CFLAGS="$CFLAGS -D_FILE_OFFSET_BITS=64" libbz2.a bzip2.o && $CC $CFLAGS -o bzip2 bzip2.o libbz2.a
bzip2' ;;
    xz-utils) echo './configure --disable-shared --disable-nls --disable-doc --disable-scripts --disable-xzdec --disable-lzmadec --disable-lzmainfo --disable-lzma-links && make -j2
src/xz/xz' ;;
    lua5.4) echo 'make -j2 -C src linux CC="$CC" MYCFLAGS="$CFLAGS '"'"'-Dluai_makeseed(L)=0'"'"'"
src/lua' ;;
    sqlite3) echo './configure --disable-shared --disable-tcl --disable-readline --disable-editline && make -j2 sqlite3
sqlite3' ;;
    lz4) echo 'make -j2 -C lib liblz4.a CC="$CC" CFLAGS="$CFLAGS" && make -j2 -C programs lz4 CC="$CC" CFLAGS="$CFLAGS"
programs/lz4' ;;
    libzstd) echo 'make -j2 -C programs zstd CC="$CC" CFLAGS="$CFLAGS" HAVE_ZLIB=0 HAVE_LZMA=0 HAVE_LZ4=0
programs/zstd' ;;
    duktape) echo '$CC $CFLAGS -std=c99 -Isrc -Iextras/print-alert -DDUK_CMDLINE_PRINTALERT_SUPPORT -o duk src/duktape.c examples/cmdline/duk_cmdline.c extras/print-alert/duk_print_alert.c -lm
duk' ;;
    gawk) echo './configure --disable-nls --disable-extensions --without-readline --without-mpfr && make -j2 -C support && make -j2 gawk
gawk' ;;
    pcre2) echo './configure --disable-shared && make -j2 pcre2grep
pcre2grep' ;;
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
  fp_dir=${FP_DIR:-$WORK}
  echo 'int main(void){return 0;}' >"$fp_dir/fp.c"
  words=$(CPCC_VERBOSE=1 "$1" -O2 "$fp_dir/fp.c" -o "$fp_dir/fp" 2>&1 >/dev/null | tr ' ' '\n' | sed 's/^-[^/]*//')
  {
    cat "$1"
    for f in $words; do
      case $f in
        "$fp_dir"/fp*) ;;
        *) if [ -f "$f" ]; then cat "$f"; elif [ -d "$f" ]; then find "$f" -type f | sort | xargs cat; fi ;;
      esac
    done
  } | sha256sum | cut -c1-16
}
