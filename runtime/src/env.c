/* env.c - the CANCELPOINTS_* environment, read once by the constructor.
 *
 *   CANCELPOINTS_SIGNAL  the reset signal: SIGURG (default), SIGUSR1, SIGUSR2,
 *                        SIGRTMIN, SIGRTMIN+n, SIGRTMAX-n, with or without
 *                        "SIG", or the number of one of them
 *   CANCELPOINTS_SIGINT  on (default) | off: ^C requests cancellation
 *   CANCELPOINTS_CHAOS   mean microseconds between chaos signals (0: off)
 *   CANCELPOINTS_STATS   0 (default) | 1: counters on stderr at exit | an absolute
 *                        path: the line appended to that file (a test suite's
 *                        programs, whose stderr the suite compares)
 *   CANCELPOINTS_PASS_* (MODE, VERIFY) are the compiler plugin's, not read here.
 *
 * Anything else named CANCELPOINTS_*, or a malformed value, gets one line on
 * stderr naming it and what is accepted; the default is used.
 */
#include "internal.h"
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

extern char **environ;

struct cp_config __cp_config = {SIGURG, 1, 0, 0, NULL};

static int cp_digits(const char *s, long max, long *out)
{
  long v = 0;
  if (!*s)
    return -1;
  for (; *s; s++) {
    if (*s < '0' || *s > '9' || v > (max - (*s - '0')) / 10)
      return -1;
    v = v * 10 + (*s - '0');
  }
  *out = v;
  return 0;
}

static int cp_usable_signal(long s)
{
  return s == SIGURG || s == SIGUSR1 || s == SIGUSR2 || (s >= SIGRTMIN && s <= SIGRTMAX);
}

/* Returns the signal number, or -1. */
static int cp_parse_signal(const char *v)
{
  long n;
  if (cp_digits(v, INT_MAX, &n) == 0)
    return cp_usable_signal(n) ? (int)n : -1;
  if (strncasecmp(v, "SIG", 3) == 0)
    v += 3;
  if (!strcasecmp(v, "URG"))
    return SIGURG;
  if (!strcasecmp(v, "USR1"))
    return SIGUSR1;
  if (!strcasecmp(v, "USR2"))
    return SIGUSR2;
  if (!strncasecmp(v, "RTMIN", 5) || !strncasecmp(v, "RTMAX", 5)) {
    int max = (v[4] | 0x20) == 'x';
    const char *r = v + 5;
    n = 0;
    if (*r) {
      if (*r != (max ? '-' : '+') || cp_digits(r + 1, INT_MAX, &n) != 0)
        return -1;
    }
    long s = max ? SIGRTMAX - n : SIGRTMIN + n;
    return s >= SIGRTMIN && s <= SIGRTMAX ? (int)s : -1;
  }
  return -1;
}

static void cp_bad(const char *name, const char *val, const char *expected)
{
  char nv[160];
  struct cp_buf b = {nv, sizeof nv - 1, 0};
  __cp_buf_puts(&b, name);
  __cp_buf_puts(&b, "=");
  __cp_buf_puts(&b, val);
  nv[b.len] = 0;
  __cp_msg("ignoring ", nv, ": expected ", expected);
}

void __cp_env_parse(void)
{
  if (!environ)
    return;
  for (char **e = environ; *e; e++) {
    const char *s = *e;
    if (strncmp(s, "CANCELPOINTS_", 13) != 0)
      continue;
    const char *eq = strchr(s, '=');
    if (!eq)
      continue;
    size_t nl = (size_t)(eq - s);
    const char *v = eq + 1;
    char name[64];
    if (nl >= sizeof name)
      nl = sizeof name - 1;
    memcpy(name, s, nl);
    name[nl] = 0;
    if (!strcmp(name, "CANCELPOINTS_SIGNAL")) {
      int sig = cp_parse_signal(v);
      if (sig < 0)
        cp_bad(name, v,
               "SIGURG, SIGUSR1, SIGUSR2, SIGRTMIN+n or SIGRTMAX-n (or its number); using SIGURG");
      else
        __cp_config.signal = sig;
    } else if (!strcmp(name, "CANCELPOINTS_SIGINT")) {
      if (!strcmp(v, "on"))
        __cp_config.sigint = 1;
      else if (!strcmp(v, "off"))
        __cp_config.sigint = 0;
      else
        cp_bad(name, v, "on or off; using on");
    } else if (!strcmp(name, "CANCELPOINTS_CHAOS")) {
      long us;
      if (cp_digits(v, 1000000000000000L, &us) != 0)
        cp_bad(
            name, v,
            "a positive integer, the mean microseconds between chaos signals; chaos mode is off");
      else
        __cp_config.chaos_us = us;
    } else if (!strcmp(name, "CANCELPOINTS_STATS")) {
      if (!strcmp(v, "0") || !strcmp(v, "1"))
        __cp_config.stats = v[0] == '1';
      else if (v[0] == '/')
        __cp_config.stats = 1, __cp_config.stats_path = v;
      else
        cp_bad(name, v, "0, 1 or an absolute path; using 0");
    } else if (strncmp(name, "CANCELPOINTS_PASS_", 18) != 0 &&
               strcmp(name, "CANCELPOINTS_DISABLE") != 0) { /* the compiler's */
      __cp_msg("ignoring unknown variable ", name,
               " (known: CANCELPOINTS_SIGNAL, CANCELPOINTS_SIGINT, CANCELPOINTS_CHAOS, "
               "CANCELPOINTS_STATS)",
               NULL);
    }
  }
}
