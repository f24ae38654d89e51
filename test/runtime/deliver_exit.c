// Delivery to the root scope: an implicit point that sees a request writes
// one report line, then exit(130): atexit handlers run, stdio is flushed.
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: sh -c '%t site; echo "exit=$?"' 2>&1 | FileCheck --check-prefix=SITE %s
// RUN: sh -c '%t nofile; echo "exit=$?"' 2>&1 | FileCheck --check-prefix=NOFILE %s
// RUN: sh -c '%t noline; echo "exit=$?"' 2>&1 | FileCheck --check-prefix=NOLINE %s
// RUN: sh -c '%t null; echo "exit=$?"' 2>&1 | FileCheck --check-prefix=NULL %s
#include "Inputs/cp_emul.h"
#include <cancelpoints.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void bye(void) { printf("atexit ran\n"); }

static const struct cp_site site_full = {"collatz_steps", "/src/dir/collatz.c", 31, CP_SITE_LOOP};
static const struct cp_site site_nofile = {"collatz_steps", "", 0, CP_SITE_LOOP};
static const struct cp_site site_noline = {"collatz_steps", "collatz.c", 0, CP_SITE_LOOP};

__attribute__((noinline)) static void spin_with_null_site(void)
{
  for (;;)
    CP_POLL(NULL);
}

int main(int argc, char **argv)
{
  alarm(60); /* a broken runtime must fail, not hang */
  if (argc < 2)
    return 2;
  atexit(bye);
  printf("buffered before the request\n"); /* stdout is a pipe: buffered */
  cp_cancel_process();
  const struct cp_site *s = !strcmp(argv[1], "site")     ? &site_full
                            : !strcmp(argv[1], "nofile") ? &site_nofile
                            : !strcmp(argv[1], "noline") ? &site_noline
                                                         : NULL;
  if (!s)
    spin_with_null_site();
  for (;;)
    CP_POLL(s);
}
// SITE: cancelpoints: cancelled by cp_cancel_process in collatz_steps (collatz.c:31)
// SITE-NEXT: buffered before the request
// SITE-NEXT: atexit ran
// SITE-NEXT: exit=130
// NOFILE: {{^}}cancelpoints: cancelled by cp_cancel_process in collatz_steps{{$}}
// NOFILE-NEXT: buffered before the request
// NOFILE-NEXT: atexit ran
// NOFILE-NEXT: exit=130
// NOLINE: {{^}}cancelpoints: cancelled by cp_cancel_process in collatz_steps (collatz.c){{$}}
// NOLINE: exit=130
// NULL: {{^}}cancelpoints: cancelled by cp_cancel_process in spin_with_null_site{{$}}
// NULL-NEXT: buffered before the request
// NULL-NEXT: atexit ran
// NULL-NEXT: exit=130
