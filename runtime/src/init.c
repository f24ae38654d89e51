/* init.c - the constructor: read CANCELPOINTS_*, install the reset signal's
 * handler, the SIGINT handler, and start chaos mode. */
#include "internal.h"

__attribute__((constructor)) void __cp_init(void)
{
  static int done;
  if (done)
    return;
  done = 1;
  __cp_env_parse();
  __cp_stats_init();
  __cp_fork_install();
  __cp_registry_join_main();
  __cp_reset_signal = __cp_config.signal;
  if (__cp_reset_install() != 0)
    __cp_msg("cannot install the reset signal's handler; resets are off", NULL, NULL, NULL);
  if (__cp_config.sigint)
    __cp_sigint_install();
  if (__cp_config.chaos_us > 0)
    __cp_chaos_start(__cp_config.chaos_us);
}
