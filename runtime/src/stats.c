/* stats.c - counters, printed at exit with CANCELPOINTS_STATS=1:
 *
 *   cancelpoints: stats: signals=N resets=N chaos_sent=N requests=N
 *
 * signals: reset signals of ours received (any thread); resets: contexts
 * rewound by them; chaos_sent: chaos signals sent; requests: requests made.
 */
#include "internal.h"

struct cp_stats __cp_stats;

__attribute__((destructor)) static void cp_stats_print(void)
{
  if (!__cp_config.stats)
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
  __cp_write_all(2, buf, b.len);
}
