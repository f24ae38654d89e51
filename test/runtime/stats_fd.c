// CANCELPOINTS_STATS=1 writes its exit line to the standard error the
// program started with, not to whatever fd 2 is at exit: here the program
// closes fd 2 and opens a data file, which gets fd 2 (gnulib's close_stdout
// and daemons do the like).  The data file holds only the program's data.
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: rm -f %t.data
// RUN: env CANCELPOINTS_STATS=1 %t %t.data 2> %t.err
// RUN: FileCheck --check-prefix=DATA --implicit-check-not=cancelpoints %s < %t.data
// RUN: FileCheck --check-prefix=ERR %s < %t.err
// DATA: data line
// ERR: cancelpoints: stats: signals=0 resets=0 chaos_sent=0 requests=0
#include <cancelpoints.h>
#include <fcntl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
  if (argc < 2)
    return 1;
  close(2);
  int fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd != 2 || write(fd, "data line\n", 10) != 10)
    return 1;
  return cp_check(); /* links the runtime */
}
