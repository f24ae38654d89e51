/* elf_object.c - the mapped file that holds a code address, and its ELF
 * image (elf_object.h).
 */
#include "elf_object.h"
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define CP_MAPS_CHUNK 4096

static void cp_copy_path(const char *s, char *path)
{
  size_t l = strlen(s);
  if (l >= CP_PATH_MAX)
    l = CP_PATH_MAX - 1;
  memcpy(path, s, l);
  path[l] = 0;
}

static uintptr_t cp_hex(const char **s)
{
  uintptr_t v = 0;
  for (;; (*s)++) {
    char c = **s;
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0)
      return v;
    v = v * 16 + (uintptr_t)d;
  }
}

/* One line of /proc/self/maps: "lo-hi perms offset dev inode path". */
static int cp_maps_line(const char *l, uintptr_t addr, struct cp_object *o)
{
  uintptr_t lo = cp_hex(&l), hi = (*l == '-') ? (l++, cp_hex(&l)) : 0, off;
  for (int field = 0; field < 2 && *l; field++) /* perms, then offset */
    while (*l && *l++ != ' ')
      ;
  off = cp_hex(&l);
  for (int field = 0; field < 3 && *l; field++) /* the rest of offset, dev, inode */
    while (*l && *l++ != ' ')
      ;
  while (*l == ' ')
    l++;
  if (*l != '/')
    return 0; /* anonymous, [stack], [vdso] */
  if (strcmp(l, o->path) != 0 || off == 0) {
    cp_copy_path(l, o->path);
    o->base = lo - off;
  }
  return addr >= lo && addr < hi;
}

int __cp_find_object(uintptr_t addr, struct cp_object *o)
{
  char buf[CP_MAPS_CHUNK], line[CP_PATH_MAX + 128];
  size_t len = 0;
  int found = 0, fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 0;
  o->path[0] = 0;
  ssize_t r;
  while (!found && (r = read(fd, buf, sizeof buf)) > 0)
    for (ssize_t i = 0; i < r && !found; i++) {
      if (buf[i] != '\n') {
        if (len < sizeof line - 1)
          line[len++] = buf[i];
        continue;
      }
      line[len] = 0;
      len = 0;
      found = cp_maps_line(line, addr, o);
    }
  close(fd);
  return found;
}

int __cp_elf_open(const struct cp_object *o, struct cp_elf *e)
{
  struct stat st;
  int fd = open(o->path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 0;
  e->p = NULL;
  if (fstat(fd, &st) == 0 && (size_t)st.st_size >= sizeof(ElfW(Ehdr))) {
    void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (m != MAP_FAILED) {
      e->p = m;
      e->size = (size_t)st.st_size;
    }
  }
  close(fd);
  if (!e->p)
    return 0;
  const ElfW(Ehdr) *h = (const void *)e->p;
  if (memcmp(h->e_ident, ELFMAG, SELFMAG) != 0 || h->e_ident[EI_CLASS] != ELFCLASS64 ||
      h->e_phoff + (size_t)h->e_phnum * sizeof(ElfW(Phdr)) > e->size ||
      h->e_shoff + (size_t)h->e_shnum * sizeof(ElfW(Shdr)) > e->size) {
    munmap((void *)e->p, e->size);
    return 0;
  }
  /* The segment at file offset 0 is mapped at o->base. */
  const ElfW(Phdr) *ph = (const void *)(e->p + h->e_phoff);
  e->bias = o->base;
  for (int i = 0; i < h->e_phnum; i++)
    if (ph[i].p_type == PT_LOAD && ph[i].p_offset == 0) {
      e->bias = o->base - ph[i].p_vaddr;
      break;
    }
  return 1;
}

void __cp_elf_close(struct cp_elf *e) { munmap((void *)e->p, e->size); }
