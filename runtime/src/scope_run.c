/* scope_run.c - running code in a scope: the thread's frames, its cleanups,
 * and delivery to a frame.
 *
 * cp_scope_run pushes a frame on the thread's stack of frames (a jmp_buf,
 * without the signal mask: delivery happens in normal context, after the
 * reset handler returned), makes its scope the thread's current one and
 * calls fn.  Delivery (deliver.c) hands the scope that catches a request to
 * __cp_unwind_to, which runs the cleanups pushed since the catching frame,
 * LIFO, with requests held, and jumps to it.  The catching frame is the
 * scope's own if this thread runs it; else the thread's outermost frame
 * (the start of a cp_thread_create thread, which then ends; or the
 * outermost cp_scope_run of this thread).
 */
#include "cancelpoints.h"
#include "hold.h"
#include "scope.h"
#include <errno.h>
#include <stdlib.h>

#define CP_IE             __attribute__((tls_model("initial-exec")))
#define CP_CLEANUPS_FIRST 16 /* entries of a thread's first cleanup stack */

/* What an explicit point in a frame saw (cp_check, a blocking call that
 * returned ECANCELED): the frame's cp_scope_run returns -1/ECANCELED. */
enum cp_seen { CP_SEEN_NOTHING, CP_SEEN_FOR_ABOVE, CP_SEEN_OWN };

struct cp_frame {
  struct cp_scope *scope;
  struct cp_frame *prev;
  struct cp_reset_ctx *armed; /* the thread's, restored on leaving */
  void *saved_scope;
  size_t cleanup_mark;
  int on_cancel_mark; /* cancel handlers pushed before it (on_cancel.c) */
  volatile enum cp_seen seen;
  volatile int caught_own; /* set by delivery: the request was on this scope */
  jmp_buf jb;
};

struct cp_cleanup {
  void (*fn)(void *);
  void *arg;
  int covers; /* arg is a lock this thread holds: the cleanup releases it */
};

static __thread struct cp_frame *cp_top CP_IE;
static __thread struct cp_cleanup *cp_cl CP_IE;
static __thread size_t cp_ncl CP_IE, cp_capcl CP_IE;

/* c's frame on this thread, else the outermost one (NULL: none). */
static struct cp_frame *cp_frame_catching(struct cp_scope *c)
{
  struct cp_frame *f = cp_top, *outer = NULL;
  for (; f; f = f->prev) {
    if (f->scope == c)
      return f;
    outer = f;
  }
  return outer;
}

void __cp_note_seen(struct cp_scope *c)
{
  if (cp_is_root(c))
    return; /* the root has no frame */
  struct cp_frame *f = cp_frame_catching(c);
  if (f && f->seen != CP_SEEN_OWN)
    f->seen = f->scope == c ? CP_SEEN_OWN : CP_SEEN_FOR_ABOVE;
}

void __cp_unwind_to(struct cp_scope *c)
{
  struct cp_frame *f = cp_frame_catching(c);
  if (!f)
    return;
  __cp_tls.armed = NULL;
  __cp_tls.cp_tls_flags |= CP_TF_DELIVERING;
  __atomic_store_n(&__cp_tls.poll, 0, __ATOMIC_RELAXED); /* a requester may nudge it */
  while (cp_ncl > f->cleanup_mark) {
    struct cp_cleanup cl = cp_cl[--cp_ncl];
    cl.fn(cl.arg);
    if (cl.covers)
      __cp_held_drop(cl.arg); /* released, by a wrapper or by libc itself */
  }
  __cp_tls.cp_tls_flags &= ~(uint64_t)CP_TF_DELIVERING;
  __cp_on_cancel_pop_to(f->on_cancel_mark); /* their library calls are left */
  f->caught_own = f->scope == c;
  _longjmp(f->jb, 1);
}

/* The thread's innermost frame becomes f; a thread with a frame is one that
 * requests on scopes other than the root signal. */
static void cp_set_top(struct cp_frame *f)
{
  if (!cp_top && f)
    __cp_registry_enter_scope();
  else if (cp_top && !f)
    __cp_registry_leave_scope();
  cp_top = f;
}

/* Leave frame f (normal return or caught). */
static void cp_leave(struct cp_frame *f)
{
  cp_set_top(f->prev);
  __cp_tls.scope = f->saved_scope;
  __cp_tls.armed = f->armed;
  while (cp_ncl > f->cleanup_mark) /* never run on a normal return */
    if (cp_cl[--cp_ncl].covers)
      __cp_held_uncover(cp_cl[cp_ncl].arg);
  __cp_update_poll(&(struct cp_verdict){0});
}

enum cp_run_end __cp_run_in(struct cp_scope *s, void (*fn)(void *), void *arg)
{
  struct cp_frame f = {.scope = s,
                       .prev = cp_top,
                       .armed = __cp_tls.armed,
                       .saved_scope = __cp_tls.scope,
                       .cleanup_mark = cp_ncl,
                       .on_cancel_mark = __cp_on_cancel_depth()};
  if (_setjmp(f.jb) == 0) {
    cp_set_top(&f);
    __cp_tls.scope = s;
    __cp_update_poll(&(struct cp_verdict){0});
    fn(arg);
    cp_leave(&f);
    if (f.seen == CP_SEEN_NOTHING)
      return CP_RUN_RETURNED;
    return f.seen == CP_SEEN_OWN ? CP_RUN_CANCELLED_OWN : CP_RUN_CANCELLED;
  }
  cp_leave(&f);
  return f.caught_own ? CP_RUN_CANCELLED_OWN : CP_RUN_CANCELLED;
}

CP_EXPORT int cp_scope_run(cp_scope *s, void (*fn)(void *), void *arg)
{
  if (!s || !fn || cp_is_root(s)) {
    errno = EINVAL;
    return -1;
  }
  enum cp_run_end end = __cp_run_in(s, fn, arg);
  if (end == CP_RUN_RETURNED)
    return 0;
  if (end == CP_RUN_CANCELLED_OWN) {
    atomic_store(&s->caught, 1);
    if (cp_req_cause(atomic_load(&s->request)) == CP_CAUSE_SIGINT)
      __cp_sigint_landed();
  }
  errno = ECANCELED;
  return -1;
}

/* ---- cleanups ------------------------------------------------------------ */

CP_EXPORT void cp_cleanup_push(void (*fn)(void *), void *arg)
{
  if (!fn)
    return;
  if (cp_ncl == cp_capcl) {
    size_t n = cp_capcl ? cp_capcl * 2 : CP_CLEANUPS_FIRST;
    struct cp_cleanup *p = realloc(cp_cl, n * sizeof *p);
    if (!p) {
      __cp_msg("cp_cleanup_push: out of memory", NULL, NULL, NULL);
      abort();
    }
    cp_cl = p;
    cp_capcl = n;
  }
  cp_cl[cp_ncl].fn = fn;
  cp_cl[cp_ncl].arg = arg;
  cp_cl[cp_ncl].covers = 0;
  cp_ncl++; /* a delivery sees a complete entry */
  /* A cleanup whose argument is a lock the thread holds releases it: the
   * lock no longer holds requests that a scope catches. */
  if (cp_top && __cp_held_has(arg)) {
    cp_cl[cp_ncl - 1].covers = 1;
    atomic_signal_fence(memory_order_seq_cst);
    __cp_held_cover(arg);
  }
}

CP_EXPORT void cp_cleanup_pop(int execute)
{
  if (cp_ncl == 0 || (cp_top && cp_ncl <= cp_top->cleanup_mark))
    return;
  struct cp_cleanup cl = cp_cl[cp_ncl - 1];
  if (cl.covers && !execute)
    __cp_held_uncover(cl.arg); /* the lock holds requests again */
  cp_ncl--;
  if (execute && cl.covers) {
    cp_hold(); /* no delivery between the release and the record's drop */
    cl.fn(cl.arg);
    __cp_held_drop(cl.arg);
    cp_resume();
  } else if (execute) {
    cl.fn(cl.arg);
  }
}

void __cp_cleanups_free(void)
{
  cp_ncl = 0;
  free(cp_cl);
  cp_cl = NULL;
  cp_capcl = 0;
}
