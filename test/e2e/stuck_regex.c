// A real loop in an uninstrumented library: glibc's regexec backtracking
// on `^((a*)*)\1\2\1x?$` against 3000 a's runs for minutes, where plain
// grep's ^C ends it in milliseconds.  The first SIGINT cannot land; the
// notice names the place right (the library: glibc is stripped to its
// exported symbols, and the nearest one below the PC is not the function),
// the nearest caller in the program (match_line), and says why; the second
// ends the process at once with exit 130.  (The backtracking allocates:
// a thread caught in the allocator is named by the exported function that
// holds its PC: malloc, realloc, free, mremap.)
// RUN: %cpcc -O2 %s -o %t
// RUN: %interrupt --signals 2 --next-stderr "not delivered after" --timeout 10 -- %t | FileCheck %s
// CHECK: {{^}}READY{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: SIGINT not delivered after 1 s: thread {{[0-9]+}} in {{(libc.so.6|[_a-z0-9]*(alloc|free|mremap|mmap|munmap)[_a-z0-9]*)}} called from match_line (running code with no point: built without the plugin); ^C again for a hard request, a third time to end the process{{$}}
// CHECK-NEXT: {{^}}stderr: cancelpoints: cancelled by SIGINT (second ^C) at once, without exit handlers: thread {{[0-9]+}} in {{(libc.so.6|[_a-z0-9]*(alloc|free|mremap|mmap|munmap)[_a-z0-9]*)}} called from match_line (running code with no point: built without the plugin){{$}}
// CHECK-NEXT: {{^}}status: exit=130{{$}}
#include <regex.h>
#include <stdio.h>
#include <string.h>

/* Not inlined, and not a tail call: its frame is the nearest in the program. */
__attribute__((noinline)) static int match_line(regex_t *re, const char *s)
{
  return regexec(re, s, 0, NULL, 0) == 0;
}

int main(void)
{
  regex_t re;
  static char s[4096];
  if (regcomp(&re, "^((a*)*)\\1\\2\\1x?$", REG_EXTENDED))
    return 1;
  memset(s, 'a', 3000);
  s[3000] = 'b';
  printf("READY\n");
  fflush(stdout);
  return match_line(&re, s);
}
