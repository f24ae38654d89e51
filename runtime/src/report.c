/* report.c - the one line the root scope writes when it takes a delivery.
 *
 * Format (stable; tests match it):
 *
 *   cancelpoints: cancelled by CAUSE in FUNCTION (FILE:LINE)
 *
 * CAUSE is "SIGINT", "cp_cancel_process" (or cp_scope_cancel(NULL)) or "its
 * deadline" (cp_scope_set_deadline(NULL, ...)).  FUNCTION is the site's function,
 * or with no site the caller of __cp_poll_slow as named by libunwind (the ELF
 * symbol table, static functions included) or dladdr, or "??".  FILE is the
 * base name of the site's file; " (FILE:LINE)" is left out when the site has
 * no file, ":LINE" when it has no line.
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
#include <dlfcn.h>
#include <string.h>
#define UNW_LOCAL_ONLY
#include <libunwind.h>

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

/* Name the function that contains return address pc. */
static int cp_name_caller(void *pc, char *name, size_t n)
{
  unw_context_t uc;
  unw_cursor_t c;
  unw_word_t off, ip;
  if (unw_getcontext(&uc) == 0 && unw_init_local(&c, &uc) == 0) {
    for (int i = 0; i < 16 && unw_step(&c) > 0; i++) {
      if (unw_get_reg(&c, UNW_REG_IP, &ip) == 0 && ip == (unw_word_t)pc)
        return unw_get_proc_name(&c, name, n, &off) == 0;
    }
  }
  Dl_info di;
  if (dladdr((char *)pc - 1, &di) && di.dli_sname) {
    size_t l = strlen(di.dli_sname);
    if (l >= n)
      l = n - 1;
    memcpy(name, di.dli_sname, l);
    name[l] = 0;
    return 1;
  }
  return 0;
}

size_t __cp_report_line(char *buf, size_t n, uint32_t req, const struct cp_site *site, void *caller)
{
  struct cp_buf b = {buf, n, 0};
  char name[256];
  const char *fn = "??";
  if (site && site->function && *site->function)
    fn = site->function;
  else if (!site && caller && cp_name_caller(caller, name, sizeof name))
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
