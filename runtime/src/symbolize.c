/* symbolize.c - the name of the function that holds a code address, for
 * the report lines (report.c, foreign_wait.c) and the ^C notice (notice.c,
 * which writes it from a signal handler).
 *
 * __cp_symbolize(addr, dynamic_first, buf, n) writes the name into buf (at
 * most n - 1 bytes and a NUL) and returns 1, or returns 0 with buf empty
 * when nothing names it.  The object that holds addr is found in
 * /proc/self/maps and its file is mapped and read: in the program, the
 * symbol table (static functions too); in a library (whose symbol table is
 * often stripped) the exported symbols (.dynsym) that hold addr, or with
 * dynamic_first the nearest exported name at or below addr, held or not, a
 * public spelling first ("read" rather than "__libc_read"): libc's entry a
 * program called.  Then the exported symbols that hold addr.
 * A library address that no symbol holds is named by the library's file
 * ("libc.so.6").  For a return address pass the address minus 1 (a call
 * may be its function's last instruction).
 * Async-signal-safe: open, read, mmap and nothing else of libc's state (no
 * loader lock, no malloc).
 */
#include "elf_object.h"
#include "internal.h"
#include <elf.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>

static int cp_copy(const char *s, char *buf, size_t n)
{
  size_t l = strlen(s);
  if (l >= n)
    l = n - 1;
  memcpy(buf, s, l);
  buf[l] = 0;
  return 1;
}

/* A public spelling beats an internal one at the same address. */
static int cp_better_name(const char *a, const char *b) { return b[0] == '_' && a[0] != '_'; }

/* The symbol of the table of type want that holds addr (held), or the
 * nearest at or below it. */
static const char *cp_elf_lookup(const struct cp_elf *e, uint32_t want, uintptr_t addr, int held)
{
  const ElfW(Ehdr) *h = (const void *)e->p;
  const ElfW(Shdr) *sh = (const void *)(e->p + h->e_shoff);
  const char *best = NULL;
  uintptr_t best_at = 0;
  for (int i = 0; i < h->e_shnum; i++) {
    if (sh[i].sh_type != want || sh[i].sh_link >= h->e_shnum ||
        sh[i].sh_offset + sh[i].sh_size > e->size)
      continue;
    const ElfW(Shdr) *str = &sh[sh[i].sh_link];
    if (str->sh_offset + str->sh_size > e->size)
      continue;
    const ElfW(Sym) *sym = (const void *)(e->p + sh[i].sh_offset);
    const char *names = (const char *)e->p + str->sh_offset;
    for (size_t k = 0; k < sh[i].sh_size / sizeof *sym; k++) {
      int type = ELF64_ST_TYPE(sym[k].st_info);
      if ((type != STT_FUNC && type != STT_GNU_IFUNC) || sym[k].st_shndx == SHN_UNDEF ||
          sym[k].st_name >= str->sh_size)
        continue;
      uintptr_t at = sym[k].st_value + e->bias;
      if (at > addr || (held && addr >= at + sym[k].st_size) || (best && at < best_at))
        continue;
      const char *name = names + sym[k].st_name;
      if (!best || at > best_at || cp_better_name(name, best)) {
        best = name;
        best_at = at;
      }
    }
  }
  return best;
}

static int cp_is_program(const struct cp_object *o)
{
  struct cp_object p;
  return __cp_find_object((uintptr_t)getauxval(AT_ENTRY), &p) && !strcmp(p.path, o->path);
}

int __cp_symbolize(uintptr_t addr, int dynamic_first, char *buf, size_t n)
{
  struct cp_object o;
  struct cp_elf e;
  const char *name = NULL;
  if (n == 0)
    return 0;
  buf[0] = 0;
  if (!__cp_find_object(addr, &o))
    return 0;
  int program = cp_is_program(&o);
  if (__cp_elf_open(&o, &e)) {
    if (program)
      name = cp_elf_lookup(&e, SHT_SYMTAB, addr, 1);
    else if (dynamic_first)
      name = cp_elf_lookup(&e, SHT_DYNSYM, addr, 0);
    if (!name)
      name = cp_elf_lookup(&e, SHT_DYNSYM, addr, 1);
    if (name)
      cp_copy(name, buf, n);
    __cp_elf_close(&e);
  }
  if (!buf[0] && !program) {
    const char *base = strrchr(o.path, '/');
    cp_copy(base ? base + 1 : o.path, buf, n);
  }
  return buf[0] != 0;
}

uintptr_t __cp_object_base(uintptr_t addr)
{
  struct cp_object o;
  return __cp_find_object(addr, &o) ? o.base : 0;
}
