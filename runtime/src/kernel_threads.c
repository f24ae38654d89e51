/* kernel_threads.c - the threads of this process, as the kernel lists them.
 *
 * Reads /proc/self/task with raw openat/getdents64/close, so it can run in a
 * signal handler (the SIGINT handler broadcasts a request with it) and in a
 * thread that never touched libc's locks.  Also the thread syscalls the
 * runtime uses, unwrapped.
 */
#include "internal.h"
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

struct cp_dirent64 {
  uint64_t d_ino;
  int64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

static __thread int cp_tid __attribute__((tls_model("initial-exec")));
static _Atomic int cp_pid;

int __cp_gettid(void)
{
  int t = cp_tid;
  if (!t)
    cp_tid = t = (int)syscall(SYS_gettid);
  return t;
}

int __cp_getpid(void)
{
  int p = atomic_load_explicit(&cp_pid, memory_order_relaxed);
  if (!p) {
    p = (int)syscall(SYS_getpid);
    atomic_store_explicit(&cp_pid, p, memory_order_relaxed);
  }
  return p;
}

void __cp_ids_forget(void)
{
  cp_tid = 0;
  atomic_store(&cp_pid, 0);
}

int __cp_tgkill(int pid, int tid, int sig) { return (int)syscall(SYS_tgkill, pid, tid, sig); }

int __cp_tasks(void (*fn)(int tid, void *arg), void *arg)
{
  long fd = syscall(SYS_openat, AT_FDCWD, "/proc/self/task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  _Alignas(8) char buf[2048];
  int n = 0;
  for (;;) {
    long r = syscall(SYS_getdents64, fd, buf, sizeof buf);
    if (r <= 0)
      break;
    for (long off = 0; off < r;) {
      struct cp_dirent64 *d = (struct cp_dirent64 *)(buf + off);
      off += d->d_reclen;
      int tid = 0;
      const char *s = d->d_name;
      if (*s < '0' || *s > '9')
        continue;
      for (; *s >= '0' && *s <= '9'; s++)
        tid = tid * 10 + (*s - '0');
      if (*s == 0 && tid > 0) {
        fn(tid, arg);
        n++;
      }
    }
  }
  syscall(SYS_close, fd);
  return n;
}
