/* report.c - the one line the root scope writes when it takes a delivery.
 *
 * Format (stable; tests match it):
 *
 *   cancelpoints: cancelled by CAUSE in FUNCTION (FILE:LINE)
 *
 * CAUSE is "SIGINT", "cp_cancel_process" (or cp_scope_cancel(NULL)) or "its
 * deadline" (cp_scope_set_deadline(NULL, ...)).  FUNCTION is the site's
 * function (a poll that passed no site: the one site_table.c finds for its
 * caller), or with no site the caller of __cp_poll_slow as __cp_symbolize
 * names it (the ELF symbol table, static functions included, or dladdr), or
 * "??".  FILE is the base name of the site's file; " (FILE:LINE)" is left
 * out when the site has no file, ":LINE" when it has no line.
 *
 * A thread that waited in a system call outside instrumented code
 * (foreign_wait.c) gets instead:
 *
 *   cancelpoints: cancelled by CAUSE while FUNCTION waited in SYSCALL (from ENTRY)
 *
 * FUNCTION the nearest caller outside the object that made the system call
 * ("??" if none), ENTRY the function of that object it called (left out
 * when unknown or the same as SYSCALL).
 */
#include "internal.h"
#include <string.h>

static const char *cp_cause_name(uint32_t req)
{
  switch (cp_req_cause(req)) {
  case CP_CAUSE_SIGINT:
    return "SIGINT";
  case CP_CAUSE_API:
    return "cp_cancel_process";
  case CP_CAUSE_DEADLINE:
    return "its deadline";
  default:
    return "request";
  }
}

size_t __cp_report_line(char *buf, size_t n, uint32_t req, const struct cp_site *site, void *caller)
{
  struct cp_buf b = {buf, n, 0};
  char name[CP_NAME_MAX];
  const char *fn = "??";
  if (site == &__cp_site_by_caller)
    site = caller ? __cp_site_at((uintptr_t)caller - 1) : NULL;
  if (site && site->function && *site->function)
    fn = site->function;
  else if (!site && caller && __cp_symbolize((uintptr_t)caller - 1, 0, name, sizeof name))
    fn = name;
  __cp_buf_puts(&b, "cancelpoints: cancelled by ");
  __cp_buf_puts(&b, cp_cause_name(req));
  __cp_buf_puts(&b, " in ");
  __cp_buf_puts(&b, fn);
  if (site && site->file && *site->file) {
    const char *base = strrchr(site->file, '/');
    __cp_buf_puts(&b, " (");
    __cp_buf_puts(&b, base ? base + 1 : site->file);
    if (site->line) {
      __cp_buf_puts(&b, ":");
      __cp_buf_putu(&b, site->line);
    }
    __cp_buf_puts(&b, ")");
  }
  if (b.len == n)
    b.len--;
  buf[b.len++] = '\n';
  return b.len;
}

size_t __cp_report_wait_line(char *buf, size_t n, uint32_t req, const char *fn, const char *sys,
                             const char *entry)
{
  struct cp_buf b = {buf, n, 0};
  __cp_buf_puts(&b, "cancelpoints: cancelled by ");
  __cp_buf_puts(&b, cp_cause_name(req));
  __cp_buf_puts(&b, " while ");
  __cp_buf_puts(&b, fn && *fn ? fn : "??");
  __cp_buf_puts(&b, " waited in ");
  __cp_buf_puts(&b, sys);
  if (entry && *entry && strcmp(entry, sys) != 0) {
    __cp_buf_puts(&b, " (from ");
    __cp_buf_puts(&b, entry);
    __cp_buf_puts(&b, ")");
  }
  if (b.len == n)
    b.len--;
  buf[b.len++] = '\n';
  return b.len;
}
