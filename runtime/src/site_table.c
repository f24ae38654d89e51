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
 * The object that holds the address is found among the loaded ones
 * (dl_iterate_phdr); the section, by name, in its file's section headers,
 * which are not loaded (three preads); its entries are read where they
 * were loaded.  The site is that of the block that starts nearest at or below
 * the address, at most CP_SITE_SPAN bytes before it (a cold block is a call
 * and a jump, after a register copy or two).  No section, or no such block:
 * NULL, and the report names the function by its symbol.
 * Normal context only (dl_iterate_phdr takes the loader's lock): the root's
 * delivery from a poll, never a signal handler; one delivery at a time
 * (deliver.c's claim), so the buffer is static.
 */
#include "internal.h"
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <string.h>
#include <unistd.h>

#define CP_SITE_SPAN    64
#define CP_SECTIONS_MAX 65536 /* section headers and names read, at most */

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

/* The loaded object that holds addr: its load bias, its program headers (as
 * loaded) and the path of its file. */
struct cp_holder {
  uintptr_t addr, bias;
  const char *path;
  const ElfW(Phdr) * phdr;
  int phnum;
};

/* Do the n bytes at p lie in one of h's loaded segments?  The file read from
 * disk may no longer be the one loaded (replaced since): nothing it says is
 * followed outside the image. */
static int cp_in_image(const struct cp_holder *h, uintptr_t p, size_t n)
{
  for (int i = 0; i < h->phnum; i++) {
    uintptr_t lo = h->bias + h->phdr[i].p_vaddr;
    if (h->phdr[i].p_type == PT_LOAD && p >= lo && n <= h->phdr[i].p_memsz &&
        p - lo <= h->phdr[i].p_memsz - n)
      return 1;
  }
  return 0;
}

/* Is site a cp_site of h's image, its strings too? */
static int cp_site_valid(const struct cp_holder *h, const struct cp_site *site)
{
  return site && cp_in_image(h, (uintptr_t)site, sizeof *site) &&
         (!site->function || cp_in_image(h, (uintptr_t)site->function, 1)) &&
         (!site->file || cp_in_image(h, (uintptr_t)site->file, 1));
}

static int cp_holder_of(struct dl_phdr_info *info, size_t size, void *data)
{
  (void)size;
  struct cp_holder *h = data;
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
    if (ph->p_type == PT_LOAD && h->addr >= lo && h->addr - lo < ph->p_memsz) {
      h->bias = info->dlpi_addr;
      h->path = info->dlpi_name && *info->dlpi_name ? info->dlpi_name : "/proc/self/exe";
      h->phdr = info->dlpi_phdr;
      h->phnum = info->dlpi_phnum;
      return 1;
    }
  }
  return 0;
}

static int cp_read_at(int fd, void *buf, size_t n, off_t off)
{
  return pread(fd, buf, n, off) == (ssize_t)n;
}

/* The section headers of the file at fd and its section names, read into
 * buf (at most n bytes); the number of headers, or 0. */
static int cp_sections(int fd, char *buf, size_t n, const ElfW(Shdr) * *sh, const char **names,
                       size_t *names_size)
{
  ElfW(Ehdr) h;
  if (!cp_read_at(fd, &h, sizeof h, 0) || memcmp(h.e_ident, ELFMAG, SELFMAG) != 0 ||
      h.e_ident[EI_CLASS] != ELFCLASS64 || h.e_shentsize != sizeof(ElfW(Shdr)) ||
      h.e_shstrndx >= h.e_shnum)
    return 0;
  size_t table = (size_t)h.e_shnum * sizeof(ElfW(Shdr));
  if (table > n || !cp_read_at(fd, buf, table, (off_t)h.e_shoff))
    return 0;
  *sh = (const void *)buf;
  const ElfW(Shdr) *str = &(*sh)[h.e_shstrndx];
  if (str->sh_size > n - table || !cp_read_at(fd, buf + table, str->sh_size, (off_t)str->sh_offset))
    return 0;
  *names = buf + table;
  *names_size = str->sh_size;
  return h.e_shnum;
}

const struct cp_site *__cp_site_at(uintptr_t addr)
{
  struct cp_holder h = {addr, 0, NULL, NULL, 0};
  if (!dl_iterate_phdr(cp_holder_of, &h))
    return NULL;
  int fd = open(h.path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return NULL;
  static _Alignas(ElfW(Shdr)) char buf[CP_SECTIONS_MAX];
  const ElfW(Shdr) * sh;
  const char *names;
  size_t names_size;
  int n = cp_sections(fd, buf, sizeof buf, &sh, &names, &names_size);
  close(fd);
  for (int i = 0; i < n; i++) {
    uintptr_t at = sh[i].sh_addr + h.bias;
    if (!(sh[i].sh_flags & SHF_ALLOC) || sh[i].sh_name >= names_size ||
        names_size - sh[i].sh_name < sizeof CP_SITE_SECTION ||
        memcmp(names + sh[i].sh_name, CP_SITE_SECTION, sizeof CP_SITE_SECTION) != 0 ||
        !cp_in_image(&h, at, sh[i].sh_size))
      continue;
    const struct cp_site *site =
        cp_site_in((const void *)at, sh[i].sh_size / sizeof(struct cp_site_entry), addr);
    return cp_site_valid(&h, site) ? site : NULL;
  }
  return NULL;
}
