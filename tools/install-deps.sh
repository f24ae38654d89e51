#!/bin/sh
# Installs the Debian packages cancelpoints builds and tests with, if any are
# missing.  Idempotent, and silent when everything is already there.
#   LLVM_VERSION=22 tools/install-deps.sh   picks another LLVM.
#   EXTRA="gnuplot-nox valgrind" ...         adds packages (make bench does).
set -eu
v=${LLVM_VERSION:-19}
pkgs="clang-$v llvm-$v-dev llvm-$v-tools libclang-$v-dev libunwind-dev libsqlite3-dev libclang-rt-$v-dev cmake ninja-build python3 python3-psutil
  meson ccache pkgconf autoconf automake make
  csmith libcsmith-dev creduce ${EXTRA:-}"   # the build-system tests (test/cpcc); the fuzzers (test/fuzz)
# aarch64 (tests under qemu-user, cpcc --target=aarch64-linux-gnu): an
# aarch64 linker, qemu-user and the arm64 multiarch C library and libunwind,
# on an amd64 machine (CANCELPOINTS_AARCH64=OFF: not).  The arm64
# architecture is added to dpkg for them.
cross=""
if [ "$(dpkg --print-architecture 2>/dev/null)" = amd64 ] && [ "${CANCELPOINTS_AARCH64:-AUTO}" != OFF ]; then
  gccv=$(ls /usr/lib/gcc/x86_64-linux-gnu 2>/dev/null | sort -n | tail -n 1)
  cross="qemu-user-static binutils-aarch64-linux-gnu libc6-dev:arm64 libgcc-${gccv:-12}-dev:arm64 libunwind-dev:arm64"
  pkgs="$pkgs $cross"
fi
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
command -v apt-get >/dev/null 2>&1 || {
  echo "cancelpoints: missing packages:$missing" >&2
  echo "cancelpoints: this is not a Debian system (no apt-get): install their equivalents," >&2
  echo "cancelpoints: then run cmake -S . -B build -G Ninja -DLLVM_DIR=<llvm>/lib/cmake/llvm" >&2
  exit 1
}
echo "cancelpoints: installing Debian packages:$missing"
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
  command -v sudo >/dev/null 2>&1 || {
    echo "cancelpoints: need root to install:$missing (run as root, or install them yourself)" >&2
    exit 1
  }
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
case $missing in
  *:arm64*)
    dpkg --print-foreign-architectures | grep -qx arm64 || $SUDO dpkg --add-architecture arm64 ;;
esac
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends --no-remove $missing >/dev/null
