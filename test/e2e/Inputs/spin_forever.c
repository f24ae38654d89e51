/* A loop that never ends, compiled WITHOUT the plugin: no point will ever
 * stop it.  It writes READY (one write(2)) as it starts, so a test's harness
 * signals while the thread is inside it. */
#include <unistd.h>

void spin_forever(void) {
  static const char ready[] = "READY\n";
  (void)!write(1, ready, sizeof ready - 1);
  for (volatile unsigned long x = 0;; x++) {
  }
}
