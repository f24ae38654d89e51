/* cpcc tests (Meson): calls the shared library's loop; ^C must end it with
 * the runtime's report and exit 130, atexit handlers run. */
#include <stdio.h>
#include <stdlib.h>
#ifdef HAVE_CANCELPOINTS_H
#include <cancelpoints.h>
#endif

unsigned long spin(unsigned long, unsigned long);

static void bye(void) { printf("atexit handler ran\n"); }

int main(int argc, char **argv) {
  (void)argv;
  atexit(bye);
#ifdef HAVE_CANCELPOINTS_H
  printf("READY C%ld cancelpoints.h\n", (long)__STDC_VERSION__);
#else
  printf("READY C%ld\n", (long)__STDC_VERSION__);
#endif
  fflush(stdout);
  printf("spin %lu\n", spin((unsigned long)argc, ~0UL));
  return 0;
}
