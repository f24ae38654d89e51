/* verdict.c - the one evaluation: what applies to the calling thread now.
 *
 * A thread judges its own chain of scopes, from its innermost scope up to
 * the root, stopping above the first shield: the outermost hard scope in
 * reach catches a hard request, the outermost graceful one a graceful
 * request.  Nobody walks another thread's scopes, so a request only marks a
 * scope and signals (scope.c), and nested deadlines compose by minimum
 * without anyone computing it.  The hold (hold.c) then clears what the
 * thread may not see yet.  The verdict becomes the thread's poll word, the
 * word the inlined poll reads; the reset signal's handler judges once per
 * signal and hands the verdict to the mechanisms that act on it.
 * Async-signal-safe.
 */
#include "scope.h"
#include <string.h>

static __thread volatile unsigned cp_updates __attribute__((tls_model("initial-exec")));

static void cp_judge(struct cp_verdict *v)
{
  int64_t now = -1;
  memset(v, 0, sizeof *v);
  if (__cp_tls.cp_tls_flags & (CP_TF_EXITING | CP_TF_DELIVERING))
    return;
  struct cp_scope *cur = __cp_cur();
  v->sees_graceful = (atomic_load(&cur->mode) & CP_SCOPE_SEES_GRACEFUL) != 0;
  for (struct cp_scope *s = cur; s; s = s->parent) {
    if (__cp_scope_hard(s, &now))
      v->hard = s;
    else if (cp_scope_graceful(s))
      v->graceful = s;
    if (atomic_load(&s->mode) & CP_SCOPE_SHIELD)
      break;
  }
  __cp_held_filter(v);
}

/* The poll word for a verdict: a hard request with its catcher's cause; a
 * graceful one where points see it; the nudge while the inline lock record
 * holds a request (the next point moves the record to the runtime). */
static uint32_t cp_poll_word(const struct cp_verdict *v)
{
  if (v->hard)
    return CP_REQ_HARD | (atomic_load(&v->hard->request) & CP_REQ_CAUSE_MASK);
  if (v->graceful && v->sees_graceful)
    return CP_REQ_GRACEFUL;
  return v->held_inline ? CP_REQ_NUDGE : 0;
}

/* A signal handler that updates the poll word while normal context is
 * updating it bumps the count: normal context then judges again, so the
 * word it leaves is never older than the handler's.  A requester's nudge
 * (registry.c) that lands after the judging read the scopes is not
 * overwritten either: the word is replaced only if it is still what it was
 * before the judging, else the thread judges again (the nudge is set after
 * the request, so a judging that starts after it sees the request). */
uint32_t __cp_update_poll(struct cp_verdict *v)
{
  unsigned n = ++cp_updates;
  for (;;) {
    uint32_t was = __atomic_load_n(&__cp_tls.poll, __ATOMIC_ACQUIRE);
    atomic_signal_fence(memory_order_seq_cst);
    cp_judge(v);
    uint32_t p = cp_poll_word(v);
    if (!__atomic_compare_exchange_n(&__cp_tls.poll, &was, p, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
      continue;
    __cp_tls.graceful = v->graceful || v->hard;
    atomic_signal_fence(memory_order_seq_cst);
    if (n == cp_updates)
      return p;
    n = cp_updates;
  }
}

int __cp_applies(int graceful)
{
  struct cp_verdict v;
  __cp_update_poll(&v);
  return cp_verdict_applies(&v, graceful);
}

void __cp_note_observed(int graceful)
{
  struct cp_verdict v;
  cp_judge(&v);
  if (cp_verdict_applies(&v, graceful))
    __cp_note_seen(cp_verdict_catcher(&v));
}
