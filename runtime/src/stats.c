/* stats.c - counters, printed at exit with CANCELPOINTS_STATS=1:
 *
 *   cancelpoints: stats: signals=N resets=N chaos_sent=N requests=N
 *
 * signals: reset signals of ours received (any thread); resets: contexts
 * rewound by them; chaos_sent: chaos signals sent; requests: requests made.
 * The line goes to the standard error the program started with (a copy of
 * fd 2 taken by the constructor): the program may have closed fd 2 by
 * then, or reused it for a file of its own.
 */
#include "internal.h"
#include <fcntl.h>

#define CP_STATS_FD_MIN 10 /* the copy's fd: above those programs pick by hand */

struct cp_stats __cp_stats;
static int cp_stats_fd = -1;

void __cp_stats_init(void)
{
  if (__cp_config.stats)
    cp_stats_fd = fcntl(2, F_DUPFD_CLOEXEC, CP_STATS_FD_MIN);
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
