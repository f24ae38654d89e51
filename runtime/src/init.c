/* init.c - the constructor: read CANCELPOINTS_*, install the reset signal's
 * handler, the SIGINT handler, and start chaos mode. */
#include "internal.h"

/* One runtime per process.  An executable linked by cpcc carries the
 * runtime and exports its names; a library built with cpcc -shared also
 * needs libcancelpoints_rt.so, for the executables that do not (plain
 * clang's, Python's).  Where both are loaded, every reference to the
 * runtime's names binds to the executable's copy, and the .so's stays
 * dormant: no handler, no thread, no state.  A reference to an exported name
 * from another file goes through the GOT in the .so, so the dynamic linker
 * binds it to the first definition in the process; in an executable it is
 * this copy's own. */
void __cp_poll_slow(const struct cp_site *site);
extern void __cp_poll_slow_here(const struct cp_site *site);

static int cp_runtime_elsewhere(void)
{
  void (*bound)(const struct cp_site *) = __cp_poll_slow;
  void (*here)(const struct cp_site *) = __cp_poll_slow_here;
  /* Two distinct declarations: the compiler would call them unequal. */
  __asm__("" : "+r"(bound));
  __asm__("" : "+r"(here));
  return bound != here;
}

__attribute__((constructor)) void __cp_init(void)
{
  static int done;
  if (done)
    return;
  done = 1;
  if (cp_runtime_elsewhere())
    return;
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
