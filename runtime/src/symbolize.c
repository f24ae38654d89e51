/* symbolize.c - the name of the function that holds a code address, for
 * the report lines (report.c, foreign_wait.c) and the 1 s notice
 * (canceller.c).
 *
 * __cp_symbolize(addr, dynamic_first, buf, n) writes the name into buf (at
 * most n - 1 bytes and a NUL) and returns 1, or returns 0 with buf empty
 * when nothing names it.  Two sources: the object's ELF symbol table
 * through libunwind (static functions too), and the exported symbol that
 * dladdr finds holding addr.  The symbol table comes first (in the
 * program only: a library's is often stripped), unless dynamic_first: then
 * the nearest name at or below addr, held or not, exported first (libc's
 * public entry a program called, rather than its internal aliases and
 * helpers).  A library address that no symbol holds is named by
 * the library's file ("libc.so.6").  For a return address pass the
 * address minus 1 (a call may be its function's last instruction).
 * Not async-signal-safe (dladdr takes the loader's lock; libunwind may
 * open and map the object's file): normal context only.
 */
#include "internal.h"
#include <dlfcn.h>
#include <link.h>
#include <string.h>
#include <sys/auxv.h>
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

/* The exported symbol nearest at or below addr (dladdr).  held: only if
 * it holds addr (its size may end before addr: then addr is in a static
 * function of a stripped library, which that name would misname). */
static const char *cp_dynamic_name(uintptr_t addr, int held)
{
  Dl_info di;
  const ElfW(Sym) *sym = NULL;
  if (!dladdr1((void *)addr, &di, (void **)&sym, RTLD_DL_SYMENT) || !di.dli_sname)
    return NULL;
  if (held && sym && sym->st_size && addr >= (uintptr_t)di.dli_saddr + sym->st_size)
    return NULL;
  return di.dli_sname;
}

/* Is addr in the program itself (not a shared library)?  Only there is the
 * symbol table's answer taken: a library's may be stripped down to its
 * exported symbols, and the nearest one below addr is then not its
 * function. */
static int cp_in_program(uintptr_t addr)
{
  Dl_info a, p;
  return dladdr((void *)addr, &a) && dladdr((void *)getauxval(AT_ENTRY), &p) &&
         a.dli_fbase == p.dli_fbase;
}

/* No function: the object's file name, "libc.so.6". */
static int cp_object_name(uintptr_t addr, char *buf, size_t n)
{
  Dl_info di;
  if (!dladdr((void *)addr, &di) || !di.dli_fname || !di.dli_fname[0])
    return 0;
  const char *base = strrchr(di.dli_fname, '/');
  return cp_copy(base ? base + 1 : di.dli_fname, buf, n);
}

int __cp_symbolize(uintptr_t addr, int dynamic_first, char *buf, size_t n)
{
  const char *dyn;
  if (n == 0)
    return 0;
  if (dynamic_first && (dyn = cp_dynamic_name(addr, 0)))
    return cp_copy(dyn, buf, n);
  if ((dynamic_first || cp_in_program(addr)) && cp_symtab_name(addr, buf, n))
    return 1;
  if (!dynamic_first && (dyn = cp_dynamic_name(addr, 1)))
    return cp_copy(dyn, buf, n);
  if (!cp_in_program(addr) && cp_object_name(addr, buf, n))
    return 1;
  buf[0] = 0;
  return 0;
}
