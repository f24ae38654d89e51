// The switches of the plugin's warnings, given as the plugin's arguments
// (later ones win; clang's own -W options work the same, Options.h, and
// cpcc turns them into the plugin's arguments): the
// group and a subgroup, -Werror= and -Wno-error=, and clang's -w and
// -Werror; an argument the plugin does not know is an error.
// RUN: %clang -fsyntax-only -fplugin=%clang_plugin %rt_cflags %s 2>&1 | FileCheck %s --check-prefix=WARN
// RUN: %clang -fsyntax-only -fplugin=%clang_plugin %rt_cflags %s -Xclang -plugin-arg-cancelpoints_clang \
// RUN:   -Xclang -Wno-cancelpoints 2>&1 | count 0
// RUN: %clang -fsyntax-only -fplugin=%clang_plugin %rt_cflags %s -Xclang -plugin-arg-cancelpoints_clang \
// RUN:   -Xclang -Wno-cancelpoints -Xclang -plugin-arg-cancelpoints_clang -Xclang -Wcancelpoints-unused-check 2>&1 \
// RUN:   | FileCheck %s --check-prefix=WARN
// RUN: not %clang -fsyntax-only -fplugin=%clang_plugin %rt_cflags %s -Xclang -plugin-arg-cancelpoints_clang \
// RUN:   -Xclang -Werror=cancelpoints 2>&1 | FileCheck %s --check-prefix=ERROR
// RUN: %clang -fsyntax-only -fplugin=%clang_plugin %rt_cflags %s -Xclang -plugin-arg-cancelpoints_clang \
// RUN:   -Xclang -Werror=cancelpoints -Xclang -plugin-arg-cancelpoints_clang -Xclang -Wno-error=cancelpoints-unused-check 2>&1 \
// RUN:   | FileCheck %s --check-prefix=WARN
// RUN: %clang -fsyntax-only -fplugin=%clang_plugin %rt_cflags %s -w 2>&1 | count 0
// RUN: not %clang -fsyntax-only -fplugin=%clang_plugin %rt_cflags %s -Werror 2>&1 | FileCheck %s --check-prefix=ERROR
// RUN: %clang -fsyntax-only -fplugin=%clang_plugin %rt_cflags %s -Werror -Xclang -plugin-arg-cancelpoints_clang \
// RUN:   -Xclang -Wno-error=cancelpoints-unused-check 2>&1 | FileCheck %s --check-prefix=WARN
// RUN: not %clang -fsyntax-only -fplugin=%clang_plugin %rt_cflags %s -Xclang -plugin-arg-cancelpoints_clang \
// RUN:   -Xclang -Wcancelpoints-bogus 2>&1 | FileCheck %s --check-prefix=BOGUS
// WARN: warning: result of 'cp_check' is ignored: {{.*}} [-Wcancelpoints-unused-check]
// ERROR: error: result of 'cp_check' is ignored: {{.*}} [-Wcancelpoints-unused-check]
// BOGUS: error: cancelpoints: unknown plugin argument '-Wcancelpoints-bogus'
// cpcc passes clang's spelling of them to the plugin (clang itself would say
// "unknown warning option"), and drops them where nothing is compiled.
// RUN: %cpcc -fsyntax-only %s -Wno-cancelpoints-unused-check 2>&1 | count 0
// RUN: not %cpcc -fsyntax-only %s -Werror=cancelpoints-unused-check 2>&1 | FileCheck %s --check-prefix=ERROR
// RUN: %cpcc -fsyntax-only %s -Werror=cancelpoints -Wno-error=cancelpoints-unused-check 2>&1 | FileCheck %s --check-prefix=WARN
// RUN: %cpcc -c %s -o %t.o && %cpcc -shared -Wno-cancelpoints %t.o -o %t.so 2>&1 | count 0
#include <cancelpoints.h>

void dropped(void) { cp_check(); }
