#!/bin/sh
# cpcc tests (pkg-config): builds a program with plain clang and the flags of
# cancelpoints.pc - the README's pkg-config snippet, word for word:
#   sh build.sh SOURCES... -o PROG   (CC, CFLAGS, LDFLAGS as usual;
#   PKG_CONFIG_STATIC=--static for a -static link)
set -eu
CC=${CC:-clang-19}
CFLAGS="${CFLAGS:--O2} -DHAVE_CANCELPOINTS_H"
# [snippet]
CFLAGS="$CFLAGS -fpass-plugin=$(pkg-config --variable=plugin cancelpoints) $(pkg-config --cflags cancelpoints)"
LIBS="$(pkg-config ${PKG_CONFIG_STATIC:-} --libs cancelpoints)"
# [/snippet]
# shellcheck disable=SC2086
exec $CC $CFLAGS ${LDFLAGS:-} "$@" $LIBS
