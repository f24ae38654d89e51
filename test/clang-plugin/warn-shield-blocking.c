// -Wcancelpoints-shield-blocking: a blocking call where it is no point: any
// of the runtime's cancellable calls or the libc calls the pass redirects,
// in a shield function (requests are held); a redirected libc call in a
// nocancel function (the pass leaves it alone).  Through the words and
// through the CP_* macros of <cancelpoints.h>.
// RUN: %clang -fsyntax-only -fplugin=%clang_plugin %rt_cflags -Xclang -verify %s
// RUN: %clang -fsyntax-only -fplugin=%clang_plugin %rt_cflags -Xclang -verify=off %s \
// RUN:   -Xclang -plugin-arg-cancelpoints_clang -Xclang -Wno-cancelpoints-shield-blocking
// RUN: not %clang -fsyntax-only -fplugin=%clang_plugin %rt_cflags %s \
// RUN:   -Xclang -plugin-arg-cancelpoints_clang -Xclang -Werror=cancelpoints-shield-blocking 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ERROR
// ERROR: error: call to 'cp_read' in a shield function
// off-no-diagnostics
#include <cancelpoints.h>
#include <unistd.h>

[[cancelpoints::shield]] void shielded(int fd, char *buf) {
  cp_read(fd, buf, 1); // expected-warning {{call to 'cp_read' in a shield function is no cancellation point: requests are held until the function returns, so it waits as long as it waits [-Wcancelpoints-shield-blocking]}}
  read(fd, buf, 1);    // expected-warning {{call to 'read' in a shield function is no cancellation point}}
  sleep(1);            // expected-warning {{call to 'sleep' in a shield function is no cancellation point}}
  (void)cp_check();
}

CP_SHIELD void macro_shielded(void) {
  cp_sleep_until(0); // expected-warning {{call to 'cp_sleep_until' in a shield function}}
}

CP_NOCANCEL void nocancel(int fd, char *buf) {
  read(fd, buf, 1);    // expected-warning {{call to 'read' in a nocancel function is no cancellation point: the pass leaves it to libc (cp_read would be one)}}
  cp_read(fd, buf, 1); // a point still
}

void plain(int fd, char *buf) {
  read(fd, buf, 1);
  cp_read(fd, buf, 1);
}
