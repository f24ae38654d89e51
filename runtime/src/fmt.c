/* fmt.c - async-signal-safe output: a bounded buffer and write(2). */
#include "internal.h"
#include <errno.h>
#include <string.h>
#include <unistd.h>

void __cp_buf_puts(struct cp_buf *b, const char *s)
{
  while (*s && b->len < b->n)
    b->p[b->len++] = *s++;
}

/* Room for an unsigned long's decimal digits and a NUL. */
#define CP_ULONG_DIGITS (sizeof(unsigned long) * 3)
/* One message line. */
#define CP_MSG_MAX 512

void __cp_buf_putu(struct cp_buf *b, unsigned long v)
{
  char t[CP_ULONG_DIGITS];
  int i = sizeof t;
  t[--i] = 0;
  do
    t[--i] = (char)('0' + v % 10);
  while (v /= 10);
  __cp_buf_puts(b, t + i);
}

void __cp_write_all(int fd, const char *s, size_t n)
{
  int e = errno;
  while (n) {
    ssize_t r = write(fd, s, n);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      break;
    s += r;
    n -= (size_t)r;
  }
  errno = e;
}

/* One line on stderr: "cancelpoints: " a b c d "\n" (NULLs skipped). */
void __cp_msg(const char *a, const char *b, const char *c, const char *d)
{
  char buf[CP_MSG_MAX];
  struct cp_buf o = {buf, sizeof buf - 1, 0};
  __cp_buf_puts(&o, "cancelpoints: ");
  const char *parts[4] = {a, b, c, d};
  for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
    if (parts[i])
      __cp_buf_puts(&o, parts[i]);
  buf[o.len++] = '\n';
  __cp_write_all(STDERR_FILENO, buf, o.len);
}
