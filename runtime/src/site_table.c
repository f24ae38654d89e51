/* site_table.c - the site of a poll, found from its slow path's return
 * address.
 *
 * Where it can (x86_64 and aarch64 ELF, not in LTO bitcode), the pass emits
 * a poll's cold block as a call with no argument to a stub that passes its
 * return address (__cp_poll_slow_at), and records the block in a section of
 * its object, CP_SITE_SECTION: entries of two 32-bit offsets, each from the
 * word that holds it, to the block's first instruction and to the block's
 * cp_site.  So the site costs no instruction in the cold block; it is looked
 * up only when a delivery writes the report line (report.c).
 *
 * The section is found by name in the section headers of the file that
 * holds the address (elf_object.h); its entries are read where they were
 * loaded.  The site is that of the block that starts nearest at or below
 * the address, at most CP_SITE_SPAN bytes before it (a cold block is a call
 * and a jump, after a register copy or two).  No section, or no such block:
 * NULL, and the report names the function by its symbol.
 * Async-signal-safe (open, read, mmap).
 */
#include "elf_object.h"
#include "internal.h"
#include <string.h>

#define CP_SITE_SPAN 64

/* The sentinel a poll that calls __cp_poll_slow_at passes as its site. */
const struct cp_site __cp_site_by_caller;

struct cp_site_entry {
  int32_t block; /* from &block to the cold block */
  int32_t site;  /* from &site to its cp_site */
};

static const struct cp_site *cp_site_in(const struct cp_site_entry *e, size_t n, uintptr_t addr)
{
  const struct cp_site_entry *best = NULL;
  uintptr_t best_at = 0;
  for (size_t i = 0; i < n; i++) {
    uintptr_t at = (uintptr_t)&e[i].block + (uintptr_t)(intptr_t)e[i].block;
    if (at <= addr && addr - at < CP_SITE_SPAN && (!best || at > best_at)) {
      best = &e[i];
      best_at = at;
    }
  }
  if (!best)
    return NULL;
  return (const void *)((uintptr_t)&best->site + (uintptr_t)(intptr_t)best->site);
}

const struct cp_site *__cp_site_at(uintptr_t addr)
{
  struct cp_object o;
  struct cp_elf e;
  if (!__cp_find_object(addr, &o) || !__cp_elf_open(&o, &e))
    return NULL;
  const ElfW(Ehdr) *h = (const void *)e.p;
  const ElfW(Shdr) *sh = (const void *)(e.p + h->e_shoff);
  const struct cp_site *site = NULL;
  if (h->e_shstrndx < h->e_shnum && sh[h->e_shstrndx].sh_offset < e.size) {
    const ElfW(Shdr) *names = &sh[h->e_shstrndx];
    for (int i = 0; i < h->e_shnum && !site; i++) {
      if (sh[i].sh_name >= names->sh_size || !(sh[i].sh_flags & SHF_ALLOC) ||
          names->sh_offset + sh[i].sh_name + sizeof CP_SITE_SECTION > e.size ||
          strcmp((const char *)e.p + names->sh_offset + sh[i].sh_name, CP_SITE_SECTION) != 0)
        continue;
      const void *entries = (const void *)(sh[i].sh_addr + e.bias);
      site = cp_site_in(entries, sh[i].sh_size / sizeof(struct cp_site_entry), addr);
    }
  }
  __cp_elf_close(&e);
  return site;
}
