// Whether the runtime takes SIGINT: yes by default (and one ^C is a
// request, not death); not with CANCELPOINTS_SIGINT=off (default action);
// not when SIGINT was ignored at start (background jobs), which stays so.
// UNSUPPORTED under TSan: under TSan the runtime takes SIGINT on a thread of
// its own (sigwaitinfo) instead of installing the handler this test checks.
// UNSUPPORTED: tsan
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %python %S/Inputs/sigdfl.py %t | FileCheck --check-prefix=ON %s
// RUN: env CANCELPOINTS_SIGINT=on %python %S/Inputs/sigdfl.py %t | FileCheck --check-prefix=ON %s
// RUN: %python %S/Inputs/sigdfl.py sh -c '%t raise; echo "status=$?"' | FileCheck --check-prefix=ON-RAISE %s
// RUN: env CANCELPOINTS_SIGINT=off %python %S/Inputs/sigdfl.py %t | FileCheck --check-prefix=OFF %s
// RUN: env CANCELPOINTS_SIGINT=off %python %S/Inputs/sigdfl.py sh -c '%t raise; echo "status=$?"' | FileCheck --check-prefix=OFF-RAISE %s
// RUN: sh -c 'trap "" INT; exec %t' | FileCheck --check-prefix=IGN %s
#include <cancelpoints.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
  alarm(60); /* a broken runtime must fail, not hang */
  struct sigaction sa;
  sigaction(SIGINT, NULL, &sa);
  const char *what = (sa.sa_flags & SA_SIGINFO) ? "runtime handler"
                     : sa.sa_handler == SIG_DFL ? "default"
                     : sa.sa_handler == SIG_IGN ? "ignored"
                                                : "other";
  printf("SIGINT: %s\n", what);
  if (argc > 1 && !strcmp(argv[1], "raise")) {
    fflush(stdout);
    raise(SIGINT);
    printf("survived SIGINT, cp_check=%d\n", cp_check());
  }
  return 0;
}
// ON: SIGINT: runtime handler
// ON-RAISE: SIGINT: runtime handler
// ON-RAISE-NEXT: survived SIGINT, cp_check=-1
// ON-RAISE-NEXT: status=0
// OFF: SIGINT: default
// OFF-RAISE: SIGINT: default
// OFF-RAISE-NOT: survived
// OFF-RAISE: status=130
// IGN: SIGINT: ignored
