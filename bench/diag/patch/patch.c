/* patch.c - turns every patchable site into a jump to its slow path, and back.
 *
 * x86_64 only.  A site is a 5-byte NOP; section __cp_sites holds one
 * {site, slow path} pair per site.  A patch crosses from one 5-byte
 * instruction to the other with the int3 protocol of the Linux kernel's
 * text_poke_bp, so that no thread ever runs a half-written instruction:
 *   1. int3 on the first byte of every site; serialise every core;
 *   2. the last four bytes (the jump's rel32, or the NOP's tail); serialise;
 *   3. the first byte (0xe9, or the NOP's 0x0f); serialise.
 * A thread that meets an int3 in between takes SIGTRAP; the handler sends
 * it where the new instruction would (the slow path, or past the site).
 * "Serialise every core" is membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE):
 * an IPI to each CPU running a thread of this process.
 */
#define _GNU_SOURCE
#include "patch.h"

#include <errno.h>
#include <linux/membarrier.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

struct site {
  unsigned char *at;
  unsigned char *slow;
};

extern struct site __start___cp_sites[], __stop___cp_sites[];

static struct site *sites;
static long nsites;
static unsigned char *lo, *hi; /* the pages that hold sites */
static unsigned char *view;    /* PATCH_ALIAS: the writable view of [lo, hi) */
static volatile sig_atomic_t going_on;

static const unsigned char nop5[5] = {0x0f, 0x1f, 0x44, 0x00, 0x00};

static int by_address(const void *a, const void *b)
{
  const struct site *x = a, *y = b;
  return x->at < y->at ? -1 : x->at > y->at;
}

static struct site *find(unsigned char *at)
{
  long l = 0, h = nsites - 1;
  while (l <= h) {
    long m = (l + h) / 2;
    if (sites[m].at == at)
      return &sites[m];
    if (sites[m].at < at)
      l = m + 1;
    else
      h = m - 1;
  }
  return NULL;
}

static void on_trap(int sig, siginfo_t *si, void *ucv)
{
  (void)si;
  ucontext_t *uc = ucv;
  unsigned char *pc = (unsigned char *)uc->uc_mcontext.gregs[REG_RIP];
  struct site *s = find(pc - 1);
  if (!s) { /* not ours: the default action, at once */
    signal(sig, SIG_DFL);
    return;
  }
  uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(going_on ? s->slow : s->at + 5);
}

static int sync_cores(void)
{
  return (int)syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE, 0, 0);
}

static int remap_from_memfd(void)
{
  size_t len = (size_t)(hi - lo);
  int fd = memfd_create("cp-text", MFD_CLOEXEC);
  if (fd < 0)
    return -1;
  if (write(fd, lo, len) != (ssize_t)len)
    goto fail;
  if (mmap(lo, len, PROT_READ | PROT_EXEC, MAP_SHARED | MAP_FIXED, fd, 0) == MAP_FAILED)
    goto fail;
  view = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (view == MAP_FAILED) {
    view = NULL;
    goto fail;
  }
  close(fd);
  return 0;
fail:
  close(fd);
  return -1;
}

int patch_init(enum patch_way way, const char **what)
{
  nsites = __stop___cp_sites - __start___cp_sites;
  sites = malloc((size_t)nsites * sizeof *sites);
  if (!sites)
    return *what = "malloc", -1;
  memcpy(sites, __start___cp_sites, (size_t)nsites * sizeof *sites);
  qsort(sites, (size_t)nsites, sizeof *sites, by_address);
  long page = sysconf(_SC_PAGESIZE);
  lo = (unsigned char *)((uintptr_t)sites[0].at & -(uintptr_t)page);
  hi = (unsigned char *)(((uintptr_t)sites[nsites - 1].at + 5 + page - 1) & -(uintptr_t)page);
  if (syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE, 0, 0) != 0)
    return *what = "membarrier register", -1;
  struct sigaction sa = {.sa_sigaction = on_trap, .sa_flags = SA_SIGINFO | SA_RESTART};
  sigemptyset(&sa.sa_mask);
  if (sigaction(SIGTRAP, &sa, NULL) != 0)
    return *what = "sigaction", -1;
  if (way == PATCH_ALIAS && remap_from_memfd() != 0)
    return *what = "mmap of the text from a memfd", -1;
  if (way == PATCH_MPROTECT) { /* refused under W^X: find out now */
    if (mprotect(lo, (size_t)(hi - lo), PROT_READ | PROT_WRITE | PROT_EXEC) != 0)
      return *what = "mprotect RWX", -1;
    mprotect(lo, (size_t)(hi - lo), PROT_READ | PROT_EXEC);
  }
  return 0;
}

static unsigned char *writable(unsigned char *at)
{
  return view ? view + (at - lo) : at;
}

static void put_tail(struct site *s, int on)
{
  unsigned char tail[4];
  if (on) {
    int32_t rel = (int32_t)(s->slow - (s->at + 5));
    memcpy(tail, &rel, 4);
  } else {
    memcpy(tail, nop5 + 1, 4);
  }
  memcpy(writable(s->at + 1), tail, 4);
}

/* sites [first, end) through the three steps */
static int patch_range(long first, long end, int on)
{
  unsigned char *a = sites[first].at, *b = sites[end - 1].at + 5;
  long page = sysconf(_SC_PAGESIZE);
  unsigned char *plo = (unsigned char *)((uintptr_t)a & -(uintptr_t)page);
  size_t len = (size_t)(b - plo);
  if (!view && mprotect(plo, len, PROT_READ | PROT_WRITE | PROT_EXEC) != 0)
    return -1;
  going_on = on;
  for (long i = first; i < end; i++)
    __atomic_store_n(writable(sites[i].at), 0xcc, __ATOMIC_RELAXED);
  sync_cores();
  for (long i = first; i < end; i++)
    put_tail(&sites[i], on);
  sync_cores();
  for (long i = first; i < end; i++)
    __atomic_store_n(writable(sites[i].at), on ? 0xe9 : nop5[0], __ATOMIC_RELAXED);
  sync_cores();
  if (!view && mprotect(plo, len, PROT_READ | PROT_EXEC) != 0)
    return -1;
  return 0;
}

int patch_set(int on)
{
  return patch_range(0, nsites, on);
}

int patch_set_after(const void *fn, int on)
{
  long l = 0, h = nsites;
  while (l < h) { /* the first site above fn */
    long m = (l + h) / 2;
    if ((const void *)sites[m].at <= fn)
      l = m + 1;
    else
      h = m;
  }
  if (l == nsites)
    return errno = ENOENT, -1;
  return patch_range(l, l + 1, on);
}

long patch_sites(void) { return nsites; }

long patch_pages(void)
{
  long pages = 0;
  uintptr_t last = 0;
  long page = sysconf(_SC_PAGESIZE);
  for (long i = 0; i < nsites; i++) {
    uintptr_t p = (uintptr_t)sites[i].at / (uintptr_t)page;
    if (p != last)
      pages++, last = p;
  }
  return pages;
}
