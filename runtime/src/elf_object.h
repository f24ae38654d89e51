/* elf_object.h - the mapped file that holds a code address, and its ELF
 * image, for the runtime's reader of symbols (symbolize.c).
 *
 * __cp_find_object finds the file in /proc/self/maps; __cp_elf_open maps the
 * whole file for reading (section headers included, which are not loaded)
 * and computes its load bias; __cp_elf_close unmaps it.
 * Async-signal-safe: open, read, mmap and nothing else of libc's state.
 */
#ifndef CP_ELF_OBJECT_H
#define CP_ELF_OBJECT_H

#include <elf.h>
#include <link.h>
#include <stddef.h>
#include <stdint.h>

#define CP_PATH_MAX 512

/* The object (a mapped file) that holds an address. */
struct cp_object {
  uintptr_t base; /* where its file offset 0 is mapped */
  char path[CP_PATH_MAX];
};

/* An ELF file mapped for reading, and its load bias. */
struct cp_elf {
  const unsigned char *p;
  size_t size;
  uintptr_t bias; /* add to a symbol's value or a section's address */
};

int __cp_find_object(uintptr_t addr, struct cp_object *o);
int __cp_elf_open(const struct cp_object *o, struct cp_elf *e);
void __cp_elf_close(struct cp_elf *e);

#endif
