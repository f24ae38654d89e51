/* callbacks.c - requests are held while libc runs a callback of the
 * program under a lock of its own, or on its way out.
 *
 * A point in such a callback must not leave: libc's lock would stay taken
 * (the next dl_iterate_phdr, dlopen or pthread_once of the same control
 * deadlocks; a stdio stream stays locked) or its exit sequence would be cut
 * in the middle.  The pass redirects the CP_REDIRECT_CALLBACK calls of
 * CP_REDIRECTS (cancelpoints_abi.h) here.
 */
#include "hold.h"
#include "redirect.h"
#include <stdlib.h>

/* The callbacks run under the loader's lock: held across. */
int CP_I(dl_iterate_phdr)(int (*cb)(struct dl_phdr_info *, size_t, void *), void *data)
{
  cp_hold();
  int r = dl_iterate_phdr(cb, data);
  cp_resume();
  return r;
}

/* The init routine runs under the control: held across. */
int CP_I(pthread_once)(pthread_once_t *once, void (*init)(void))
{
  cp_hold();
  int r = pthread_once(once, init);
  cp_resume();
  return r;
}

void CP_I(call_once)(once_flag *flag, void (*init)(void))
{
  cp_hold();
  call_once(flag, init);
  cp_resume();
}

/* atexit / at_quick_exit / on_exit handlers, and stdio's flush (cookie
 * functions), run under libc's locks: held from the call on. */
_Noreturn void CP_I(exit)(int status)
{
  cp_hold(); /* for good: this thread is leaving */
  exit(status);
}

_Noreturn void CP_I(quick_exit)(int status)
{
  cp_hold();
  quick_exit(status);
}

/* Cleanup handlers and key destructors: held. */
_Noreturn void CP_I(pthread_exit)(void *value)
{
  cp_hold();
  pthread_exit(value);
}

/* pthread_atfork handlers run under the fork lock: held across (in the
 * parent and the child). */
pid_t CP_I(fork)(void)
{
  cp_hold();
  pid_t p = fork();
  cp_resume();
  return p;
}

/* ---- exit handlers ---------------------------------------------------------- */
extern int __cxa_atexit(void (*fn)(void *), void *arg, void *dso);

static void cp_exit_handler(void *fn)
{
  cp_hold();
  ((void (*)(void))fn)();
  cp_resume();
}

/* The handler is registered wrapped (with the caller's __dso_handle, which
 * the pass passes), so that it is held when main returns too. */
int CP_I(atexit)(void (*fn)(void), void *dso)
{
  return __cxa_atexit(cp_exit_handler, (void *)fn, dso);
}

/* ---- stdio cookies ------------------------------------------------------------- */
struct cp_cookie {
  void *cookie;
  cookie_io_functions_t io;
};

static ssize_t cp_ck_read(void *c, char *buf, size_t n)
{
  struct cp_cookie *k = c;
  cp_hold();
  ssize_t r = k->io.read(k->cookie, buf, n);
  cp_resume();
  return r;
}

static ssize_t cp_ck_write(void *c, const char *buf, size_t n)
{
  struct cp_cookie *k = c;
  cp_hold();
  ssize_t r = k->io.write(k->cookie, buf, n);
  cp_resume();
  return r;
}

static int cp_ck_seek(void *c, off64_t *pos, int whence)
{
  struct cp_cookie *k = c;
  cp_hold();
  int r = k->io.seek(k->cookie, pos, whence);
  cp_resume();
  return r;
}

static int cp_ck_close(void *c)
{
  struct cp_cookie *k = c;
  int r = 0;
  cp_hold();
  if (k->io.close)
    r = k->io.close(k->cookie);
  cp_resume();
  free(k);
  return r;
}

/* The cookie functions run under the stream's lock: each is called held. */
CP_EXPORT __attribute__((noinline)) FILE *__cp_i_fopencookie(void *cookie, const char *mode,
                                                             cookie_io_functions_t io)
{
  struct cp_cookie *k = malloc(sizeof *k);
  if (!k)
    return NULL;
  k->cookie = cookie;
  k->io = io;
  cookie_io_functions_t w = {io.read ? cp_ck_read : NULL, io.write ? cp_ck_write : NULL,
                             io.seek ? cp_ck_seek : NULL, cp_ck_close};
  FILE *f = fopencookie(k, mode, w);
  if (!f)
    free(k);
  return f;
}
