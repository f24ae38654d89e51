/* stats.c - counters, printed at exit with CANCELPOINTS_STATS=1:
 *
 *   cancelpoints: stats: signals=N resets=N chaos_sent=N requests=N
 *
 * signals: reset signals of ours received (any thread); resets: contexts
 * rewound by them; chaos_sent: chaos signals sent; requests: requests made.
 * The line goes to the standard error the program started with (a copy of
 * fd 2 taken by the constructor): the program may have closed fd 2 by
 * then, or reused it for a file of its own.  CANCELPOINTS_STATS=/a/path
 * appends it to that file instead (one write, O_APPEND: the programs of a
 * test suite add a line each, and their stderr stays theirs).
 */
#include "internal.h"
#include <fcntl.h>

#define CP_STATS_FD_MIN 10 /* the copy's fd: above those programs pick by hand */

struct cp_stats __cp_stats;
static int cp_stats_fd = -1;

void __cp_stats_init(void)
{
  if (!__cp_config.stats)
    return;
  if (!__cp_config.stats_path) {
    cp_stats_fd = fcntl(2, F_DUPFD_CLOEXEC, CP_STATS_FD_MIN);
    return;
  }
  int fd = open(__cp_config.stats_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd >= 0 && fd < CP_STATS_FD_MIN) {
    cp_stats_fd = fcntl(fd, F_DUPFD_CLOEXEC, CP_STATS_FD_MIN);
    close(fd);
  } else {
    cp_stats_fd = fd;
  }
}

__attribute__((destructor)) static void cp_stats_print(void)
{
  if (!__cp_config.stats || cp_stats_fd < 0)
    return;
  char buf[256];
  struct cp_buf b = {buf, sizeof buf - 1, 0};
  __cp_buf_puts(&b, "cancelpoints: stats: signals=");
  __cp_buf_putu(&b, atomic_load(&__cp_stats.signals));
  __cp_buf_puts(&b, " resets=");
  __cp_buf_putu(&b, atomic_load(&__cp_stats.resets));
  __cp_buf_puts(&b, " chaos_sent=");
  __cp_buf_putu(&b, atomic_load(&__cp_stats.chaos_sent));
  __cp_buf_puts(&b, " requests=");
  __cp_buf_putu(&b, atomic_load(&__cp_stats.requests));
  buf[b.len++] = '\n';
  __cp_write_all(cp_stats_fd, buf, b.len);
}
