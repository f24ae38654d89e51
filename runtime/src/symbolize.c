/* symbolize.c - the name of the function that holds a code address, for
 * the report lines (report.c, foreign_wait.c) and the 1 s notice
 * (canceller.c).
 *
 * __cp_symbolize(addr, dynamic_first, buf, n) writes the name into buf (at
 * most n - 1 bytes and a NUL) and returns 1, or returns 0 with buf empty
 * when nothing names it.  Two sources: the object's ELF symbol table
 * through libunwind (static functions too), and the exported symbol that
 * dladdr finds at or below addr.  The symbol table comes first, unless
 * dynamic_first: then the exported name if there is one (libc's public
 * names rather than its internal aliases).  For a return address pass the
 * address minus 1 (a call may be its function's last instruction).
 * Not async-signal-safe (dladdr takes the loader's lock; libunwind may
 * open and map the object's file): normal context only.
 */
#include "internal.h"
#include <dlfcn.h>
#include <string.h>
#define UNW_LOCAL_ONLY
#include <libunwind.h>

static int cp_copy(const char *s, char *buf, size_t n)
{
  size_t l = strlen(s);
  if (l >= n)
    l = n - 1;
  memcpy(buf, s, l);
  buf[l] = 0;
  return 1;
}

/* unw_get_proc_name_by_ip is libunwind >= 1.7; the accessor is older. */
static int cp_symtab_name(uintptr_t addr, char *buf, size_t n)
{
  unw_word_t off;
  unw_accessors_t *a = unw_get_accessors(unw_local_addr_space);
  return a && a->get_proc_name &&
         a->get_proc_name(unw_local_addr_space, (unw_word_t)addr, buf, n, &off, NULL) == 0 &&
         buf[0];
}

static const char *cp_dynamic_name(uintptr_t addr)
{
  Dl_info di;
  return dladdr((void *)addr, &di) ? di.dli_sname : NULL;
}

int __cp_symbolize(uintptr_t addr, int dynamic_first, char *buf, size_t n)
{
  const char *dyn;
  if (n == 0)
    return 0;
  if (dynamic_first && (dyn = cp_dynamic_name(addr)))
    return cp_copy(dyn, buf, n);
  if (cp_symtab_name(addr, buf, n))
    return 1;
  if (!dynamic_first && (dyn = cp_dynamic_name(addr)))
    return cp_copy(dyn, buf, n);
  buf[0] = 0;
  return 0;
}
