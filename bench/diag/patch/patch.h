/* patch.h - the text patcher of the patchable-points evaluation (patch.c). */
#ifndef PATCH_H
#define PATCH_H

enum patch_way {
  PATCH_MPROTECT, /* make the pages writable for each patch: mprotect RWX, back to RX */
  PATCH_ALIAS,    /* once: remap the text from a memfd, executable, and keep
                     a second, writable view of it; no mprotect per patch */
};

/* Sorts the sites, registers for membarrier's core-serialising command,
 * installs the SIGTRAP handler of the int3 protocol and, for PATCH_ALIAS,
 * remaps the text.  0, or -1 with errno and *what naming the step refused. */
int patch_init(enum patch_way way, const char **what);

/* Every site a jump to its slow path (on) or the NOP again (off).  0, or -1
 * with errno (the text could not be made writable). */
int patch_set(int on);

/* Only the first site after fn (the site of fn's loop): what a request
 * would patch if it knew, from the target thread's stack, where it runs. */
int patch_set_after(const void *fn, int on);

/* How many sites, and over how many pages of text. */
long patch_sites(void);
long patch_pages(void);

#endif
