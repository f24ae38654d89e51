/* cancelpoints_abi.h - the one contract between the LLVM pass and the runtime.
 *
 * The pass (C++) and the runtime (C11) both include this header, so the names
 * of the entry points, the layout of the thread-local word the inlined poll
 * reads, and the reset-context record can never drift apart.  Nothing here is
 * API for programs: they include <cancelpoints.h>.
 *
 * What the pass emits, per kind of point:
 *
 *   poll (a loop with effects, a recursive function's entry):
 *       if (__cp_tls.poll != 0) __cp_poll_slow(&site);   // cold, out of line
 *
 *   reset region (an effect-free loop, or effect-free code after a point):
 *       __cp_arm(&ctx);             // returns_twice; saves the resume state,
 *                                   // ctx.prev = __cp_tls.armed, armed = &ctx
 *       <the point: a poll, or the call to cp_check>
 *       ... effect-free code ...
 *       __cp_tls.armed = ctx.prev;  // disarm, before any effect and at exits
 *
 * A reset signal that finds a thread armed (and a request pending, or chaos
 * mode on) rewrites the interrupted context so that the thread returns from
 * __cp_arm a second time (with 1) and runs the point again.
 *
 * And around the lock and unlock calls of instrumented code (not points):
 *
 *   lock (a direct call to a libc lock function, kept as it is; r is its
 *   result, 0 for flockfile):
 *       r = pthread_mutex_lock(m);
 *       if (r != 0 || __cp_tls.lock_site != 0)   // failed, or a record in use
 *         __cp_lock_slow(m, r, &site);           // cold, out of line
 *       else { __cp_tls.lock = m; __cp_tls.lock_site = &site; }
 *
 *   unlock (likewise kept, the record dropped just before it):
 *       if (__cp_tls.lock == m) __cp_tls.lock_site = 0;
 *       else __cp_unlock_slow(m);                // cold, out of line
 *       pthread_mutex_unlock(m);
 */
#ifndef CANCELPOINTS_ABI_H
#define CANCELPOINTS_ABI_H

/* The runtime's assembly (runtime/src/arch/) includes this header too: its
 * numbers are plain, and what only C and C++ read is under !__ASSEMBLER__. */
#ifndef __ASSEMBLER__
#include <stdint.h>
#endif

#define CP_ABI_VERSION 1

/* Entry points and symbols, by name. */
#define CP_SYM_TLS       "__cp_tls"       /* struct cp_tls, initial-exec TLS */
#define CP_SYM_ARM       "__cp_arm"       /* int __cp_arm(struct cp_reset_ctx *) */
#define CP_SYM_POLL_SLOW "__cp_poll_slow" /* void __cp_poll_slow(const struct cp_site *) */
/* A stub the pass makes per module (x86_64, aarch64): preserve_most, calls __cp_poll_slow. */
#define CP_SYM_POLL_SLOW_STUB "__cp_poll_slow_pm"
/* Where the pass can record a poll's cold block in CP_SITE_SECTION (ELF, x86_64
 * and aarch64, not in LTO bitcode), the cold block calls this stub with no
 * argument: preserve_most, per module like the other, it calls
 *   void __cp_poll_slow_at(void *return_address)
 * and the runtime finds the site, when a report needs it, in the section of
 * the object that holds the return address: entries {int32_t block, site},
 * each an offset from its own word to the cold block's first instruction and
 * to the block's struct cp_site (runtime/src/site_table.c). */
#define CP_SYM_POLL_SLOW_AT      "__cp_poll_slow_at"
#define CP_SYM_POLL_SLOW_AT_STUB "__cp_poll_slow_pm_at"
#define CP_SITE_SECTION          "__cp_sites"
#define CP_SYM_CHECK          "cp_check"          /* int cp_check(void): an explicit point */
#define CP_SYM_CHECK_GRACEFUL "cp_check_graceful" /* int cp_check_graceful(void) */
/* Redirected calls: in instrumented code the pass replaces a direct call to
 * a libc function of CP_REDIRECTS (below) whose call has the libc
 * prototype by a call to CP_SYM_REDIRECT_PREFIX + name, same prototype: the
 * runtime's version.  Lock and unlock calls (the same table) stay libc's;
 * the pass records the lock inline (above) in __cp_tls.lock and lock_site,
 * so that requests are held while it is held, and calls these when the
 * inline record does not do (runtime/src/hold.c keeps the others):
 *   void __cp_lock_slow(void *lock, int r, const struct cp_site *site)
 *     libc's lock call returned r (0: taken) and the inline record was in
 *     use or r != 0; site: the call's, kind CP_SITE_LOCK.
 *   void __cp_unlock_slow(void *lock)
 *     lock is about to be unlocked and is not the inline record's. */
#define CP_SYM_REDIRECT_PREFIX "__cp_i_"
#define CP_SYM_LOCK_SLOW       "__cp_lock_slow"
#define CP_SYM_UNLOCK_SLOW     "__cp_unlock_slow"

/* Function attribute (string form) that the clang plugin / users put on
 * functions that must get no points: __attribute__((annotate("cp_nocancel")))
 * is read by the pass too. */
#define CP_ATTR_NOCANCEL     "cancelpoints-nocancel"
#define CP_ANNOTATE_NOCANCEL "cp_nocancel"
/* The clang plugin's other words on functions reach the pass as annotations
 * too (annotate("cp_reset_safe") & co. mean the same without the plugin);
 * a loop's nocancel is __builtin_annotation(0, "cp_nocancel_loop") first in
 * its body (clang-plugin/Attributes.cpp). */
#define CP_ANNOTATE_RESET_SAFE    "cp_reset_safe"
#define CP_ANNOTATE_SHIELD        "cp_shield"
#define CP_ANNOTATE_POINT         "cp_point"
#define CP_ANNOTATE_NOCANCEL_LOOP "cp_nocancel_loop"

/* Module flag the pass sets once it has run, so it never runs twice (LTO). */
#define CP_MODULE_FLAG "cancelpoints.instrumented"

/* The pass works in two phases (llvm-pass/Markers.h).  Before the optimiser
 * it calls CP_SYM_POINT at the header of each source loop with effects, before
 * each effect-free one and at the entry of each recursive function: a marker
 * the optimiser must treat as reading all the memory the caller can see, so
 * memory there is what the source wrote.  After
 * it, the pass lowers every marker (to a poll, a reset region, or nothing)
 * and removes it, and clears the function attribute CP_ATTR_MARKED that says
 * a function has been through the first phase.  A marker left in the code
 * (the second phase did not run) is a real point: the runtime defines the
 * symbol as void f(int), a poll (its argument is unused).  Its name is in
 * LLVM's namespace of intrinsics, which it is in all but registration: it
 * is never lowered to a call, and the optimiser's cost models treat it so
 * (a loop with a call is not unrolled at run time, one with an intrinsic
 * is: bench/DIAGNOSIS.md, section 24).  Its vector variants for the loop
 * vectoriser are plain functions, CP_SYM_POINT_VARIANT "vN" and "mN". */
#define CP_SYM_POINT         "llvm.cancelpoints.point"
#define CP_SYM_POINT_VARIANT "__cp_point_"
/* Called with a marked function's restrict (noalias) pointer arguments at
 * its entry, so that alias analysis lets markers read what they point to;
 * removed with the markers (void __cp_escape(...) in the runtime does
 * nothing). */
#define CP_SYM_ESCAPE  "__cp_escape"
#define CP_ATTR_MARKED "cancelpoints-marked"

#ifndef __ASSEMBLER__
/* A description of a point, emitted by the pass as a private constant and
 * passed to the slow path; the runtime's report names it. */
enum cp_site_kind {
  CP_SITE_LOOP = 0,      /* header of a cycle with effects */
  CP_SITE_REGION = 1,    /* entry of an effect-free cycle (armed region) */
  CP_SITE_RECURSION = 2, /* entry of a function on a call-graph cycle */
  CP_SITE_CALL = 3,      /* a region extended across an effect-free call */
  CP_SITE_LOCK = 4       /* a lock taken (its inline record's lock_site:
                            the notice names it) */
};

struct cp_site {
  const char *function; /* the instrumented function's name */
  const char *file;     /* source file, or "" without debug info */
  uint32_t line;        /* source line, or 0 */
  uint32_t kind;        /* enum cp_site_kind */
};

#endif /* !__ASSEMBLER__ */

/* The reset context: a record in the instrumented function's frame, filled by
 * __cp_arm.  Callee-saved registers, the stack pointer after return and the
 * return address; then the previously armed context (regions nest across
 * effect-free calls), then a count of chaos resets since it was armed.
 * Each register's word in regs[], by name: CP_RESET_<target>_<reg> is its
 * index, CP_RESET_OFF(index) its byte offset in the record. */
#define CP_RESET_WORD   8 /* bytes per word of the record */
#define CP_RESET_OFF(i) ((i) * CP_RESET_WORD)

/* x86_64 (arch/x86_64/arm.S) */
#define CP_RESET_X86_64_RBX   0
#define CP_RESET_X86_64_RBP   1
#define CP_RESET_X86_64_R12   2
#define CP_RESET_X86_64_R13   3
#define CP_RESET_X86_64_R14   4
#define CP_RESET_X86_64_R15   5
#define CP_RESET_X86_64_SP    6 /* the caller's stack pointer after the return */
#define CP_RESET_X86_64_PC    7 /* the return address */
#define CP_RESET_X86_64_NREGS 8

/* aarch64 (arch/aarch64/arm.S) */
#define CP_RESET_AARCH64_X19   0  /* x19 + n at CP_RESET_AARCH64_X19 + n, n = 0..9 */
#define CP_RESET_AARCH64_FP    10 /* x29 */
#define CP_RESET_AARCH64_LR    11 /* x30, the return address: where a reset resumes */
#define CP_RESET_AARCH64_SP    12 /* the caller's stack pointer (a call pushes nothing) */
#define CP_RESET_AARCH64_D8    13 /* d8 + n at CP_RESET_AARCH64_D8 + n, n = 0..7 */
#define CP_RESET_AARCH64_PC    CP_RESET_AARCH64_LR
#define CP_RESET_AARCH64_NREGS 21

/* A record of nregs registers: its size in words (the registers, prev,
 * chaos_resets) and prev's and chaos_resets's byte offsets.  The pass
 * takes nregs from the target it compiles for (llvm-pass/Target.cpp). */
#define CP_RESET_CTX_WORDS_OF(nregs)     ((nregs) + 2)
#define CP_RESET_CTX_PREV_OFF_OF(nregs)  CP_RESET_OFF(nregs)
#define CP_RESET_CTX_CHAOS_OFF_OF(nregs) CP_RESET_OFF((nregs) + 1)

/* The target this is compiled for (the runtime's): its record's size, and
 * the two words the runtime reads whatever the target (a target without a
 * port keeps x86_64's size; nothing is armed there). */
#if defined(__aarch64__)
#define CP_RESET_NREGS CP_RESET_AARCH64_NREGS
#define CP_RESET_SP    CP_RESET_AARCH64_SP
#define CP_RESET_PC    CP_RESET_AARCH64_PC
#else
#define CP_RESET_NREGS CP_RESET_X86_64_NREGS
#define CP_RESET_SP    CP_RESET_X86_64_SP
#define CP_RESET_PC    CP_RESET_X86_64_PC
#endif

#define CP_RESET_CTX_WORDS     CP_RESET_CTX_WORDS_OF(CP_RESET_NREGS)
#define CP_RESET_CTX_PREV_OFF  CP_RESET_CTX_PREV_OFF_OF(CP_RESET_NREGS)
#define CP_RESET_CTX_CHAOS_OFF CP_RESET_CTX_CHAOS_OFF_OF(CP_RESET_NREGS)

#ifndef __ASSEMBLER__
struct cp_reset_ctx {
  uintptr_t regs[CP_RESET_NREGS];
  struct cp_reset_ctx *prev;
  uintptr_t chaos_resets;
};

/* Per-thread state.  Zero-initialised TLS is a valid, idle state, so threads
 * the runtime never saw work without any initialisation. */
struct cp_tls {
  volatile uint32_t poll;              /* 0: nothing to see.  Else the next point
                                          takes the slow path.  Read inline. */
  uint32_t graceful;                   /* the runtime's: a graceful request
                                          applies (cp_check_graceful reads it) */
  struct cp_reset_ctx *volatile armed; /* innermost armed reset context */
  void *scope;                         /* innermost cancel scope (NULL: root) */
  void *slot;                          /* the thread's registry slot */
  /* The inline lock record, written by instrumented code around a lock and
   * an unlock call (above).  lock_site 0: no lock recorded; a struct
   * cp_site * (or any value above CP_TLS_LOCK_SLOW): one lock is held, at
   * lock; CP_TLS_LOCK_SLOW: the runtime keeps the records (nested locks, a
   * cleanup covers one, a request is held), and then lock is
   * CP_TLS_LOCK_SLOW too, so that every unlock takes the slow path. */
  void *lock;
  const void *lock_site;
  uint64_t reserved[2]; /* room for the runtime, not for the pass */
};
#endif /* !__ASSEMBLER__ */

#define CP_TLS_POLL_OFF      0
#define CP_TLS_ARMED_OFF     8
#define CP_TLS_LOCK_OFF      32
#define CP_TLS_LOCK_SITE_OFF 40
#define CP_TLS_LOCK_SLOW     1

#ifndef __ASSEMBLER__
#ifdef __cplusplus
#define CP_ABI_ASSERT(c, m) static_assert(c, m)
#else
#define CP_ABI_ASSERT(c, m) _Static_assert(c, m)
#endif
CP_ABI_ASSERT(sizeof(void *) == 8, "cancelpoints supports 64-bit targets");
CP_ABI_ASSERT(__builtin_offsetof(struct cp_tls, poll) == CP_TLS_POLL_OFF, "poll");
CP_ABI_ASSERT(__builtin_offsetof(struct cp_tls, armed) == CP_TLS_ARMED_OFF, "armed");
CP_ABI_ASSERT(__builtin_offsetof(struct cp_tls, lock) == CP_TLS_LOCK_OFF, "lock");
CP_ABI_ASSERT(__builtin_offsetof(struct cp_tls, lock_site) == CP_TLS_LOCK_SITE_OFF, "lock_site");
CP_ABI_ASSERT(sizeof(struct cp_tls) == 64, "cp_tls size");
CP_ABI_ASSERT(__builtin_offsetof(struct cp_reset_ctx, prev) == CP_RESET_CTX_PREV_OFF, "prev");
CP_ABI_ASSERT(__builtin_offsetof(struct cp_reset_ctx, chaos_resets) == CP_RESET_CTX_CHAOS_OFF,
              "chaos_resets");
CP_ABI_ASSERT(sizeof(struct cp_reset_ctx) == CP_RESET_OFF(CP_RESET_CTX_WORDS), "ctx size");
#endif /* !__ASSEMBLER__ */

/* The calls the pass redirects or records (llvm-pass/Redirect.cpp), and the
 * runtime's versions (runtime/src/redirect.h declares them from here), one
 * row each:  X(name, kind, extra, shape, ret, params)
 *   kind   what the runtime's version does:
 *     CP_REDIRECT_BLOCKING  a cancellation point: delivers like an implicit
 *                           point (runtime/src/blocking_redirect.c)
 *     CP_REDIRECT_SIGNAL    installs the program's handler behind a
 *                           trampoline that holds requests (signal_hold.c)
 *     CP_REDIRECT_CALLBACK  holds requests while libc runs the program's
 *                           callbacks under a lock of its own, or on its
 *                           way out (callbacks.c)
 *     CP_REDIRECT_LOCK, CP_REDIRECT_UNLOCK  none: the call stays libc's,
 *                           with the inline lock record around it
 *   extra  CP_EXTRA_DSO: the runtime's version takes one more last
 *          argument, the caller's __dso_handle; else CP_EXTRA_NONE
 *   shape  libc's prototype as the pass checks a call's type on a 64-bit
 *          target, the return type first: v void, i i32 (int, unsigned,
 *          pid_t, socklen_t, useconds_t), l i64 (size_t, ssize_t, long,
 *          nfds_t), p a pointer (or a struct passed by value in memory)
 *   ret, params  the C prototype of the runtime's version (with the extra
 *          argument; for locks, libc's), read by the runtime only */
#define CP_REDIRECTS(X)                                                                            \
  X(read, CP_REDIRECT_BLOCKING, CP_EXTRA_NONE, "lipl", ssize_t, (int, void *, size_t))             \
  X(write, CP_REDIRECT_BLOCKING, CP_EXTRA_NONE, "lipl", ssize_t, (int, const void *, size_t))      \
  X(recv, CP_REDIRECT_BLOCKING, CP_EXTRA_NONE, "lipli", ssize_t, (int, void *, size_t, int))       \
  X(send, CP_REDIRECT_BLOCKING, CP_EXTRA_NONE, "lipli", ssize_t, (int, const void *, size_t, int)) \
  X(accept, CP_REDIRECT_BLOCKING, CP_EXTRA_NONE, "iipp", int,                                      \
    (int, struct sockaddr *, socklen_t *))                                                         \
  X(connect, CP_REDIRECT_BLOCKING, CP_EXTRA_NONE, "iipi", int,                                     \
    (int, const struct sockaddr *, socklen_t))                                                     \
  X(poll, CP_REDIRECT_BLOCKING, CP_EXTRA_NONE, "ipli", int, (struct pollfd *, nfds_t, int))        \
  X(select, CP_REDIRECT_BLOCKING, CP_EXTRA_NONE, "iipppp", int,                                    \
    (int, void *, void *, void *, void *))                                                         \
  X(nanosleep, CP_REDIRECT_BLOCKING, CP_EXTRA_NONE, "ipp", int,                                    \
    (const struct timespec *, struct timespec *))                                                  \
  X(sleep, CP_REDIRECT_BLOCKING, CP_EXTRA_NONE, "ii", unsigned, (unsigned))                        \
  X(usleep, CP_REDIRECT_BLOCKING, CP_EXTRA_NONE, "ii", int, (useconds_t))                          \
  X(pthread_cond_wait, CP_REDIRECT_BLOCKING, CP_EXTRA_NONE, "ipp", int,                            \
    (pthread_cond_t *, pthread_mutex_t *))                                                         \
  X(pthread_cond_timedwait, CP_REDIRECT_BLOCKING, CP_EXTRA_NONE, "ippp", int,                      \
    (pthread_cond_t *, pthread_mutex_t *, const struct timespec *))                                \
  X(sem_wait, CP_REDIRECT_BLOCKING, CP_EXTRA_NONE, "ip", int, (sem_t *))                           \
  X(waitpid, CP_REDIRECT_BLOCKING, CP_EXTRA_NONE, "iipi", pid_t, (pid_t, int *, int))              \
  /* _FORTIFY_SOURCE (glibc >= 2.40 also with clang) */                                            \
  X(__read_chk, CP_REDIRECT_BLOCKING, CP_EXTRA_NONE, "lipll", ssize_t,                             \
    (int, void *, size_t, size_t))                                                                 \
  X(__recv_chk, CP_REDIRECT_BLOCKING, CP_EXTRA_NONE, "liplli", ssize_t,                            \
    (int, void *, size_t, size_t, int))                                                            \
  X(__poll_chk, CP_REDIRECT_BLOCKING, CP_EXTRA_NONE, "iplil", int,                                 \
    (struct pollfd *, nfds_t, int, size_t))                                                        \
  /* locks: requests are held while they are held */                                               \
  X(pthread_mutex_lock, CP_REDIRECT_LOCK, CP_EXTRA_NONE, "ip", int, (pthread_mutex_t *))           \
  X(pthread_mutex_trylock, CP_REDIRECT_LOCK, CP_EXTRA_NONE, "ip", int, (pthread_mutex_t *))        \
  X(pthread_mutex_timedlock, CP_REDIRECT_LOCK, CP_EXTRA_NONE, "ipp", int,                          \
    (pthread_mutex_t *, const struct timespec *))                                                  \
  X(pthread_mutex_clocklock, CP_REDIRECT_LOCK, CP_EXTRA_NONE, "ipip", int,                         \
    (pthread_mutex_t *, clockid_t, const struct timespec *))                                       \
  X(pthread_mutex_unlock, CP_REDIRECT_UNLOCK, CP_EXTRA_NONE, "ip", int, (pthread_mutex_t *))       \
  X(pthread_rwlock_rdlock, CP_REDIRECT_LOCK, CP_EXTRA_NONE, "ip", int, (pthread_rwlock_t *))       \
  X(pthread_rwlock_wrlock, CP_REDIRECT_LOCK, CP_EXTRA_NONE, "ip", int, (pthread_rwlock_t *))       \
  X(pthread_rwlock_tryrdlock, CP_REDIRECT_LOCK, CP_EXTRA_NONE, "ip", int, (pthread_rwlock_t *))    \
  X(pthread_rwlock_trywrlock, CP_REDIRECT_LOCK, CP_EXTRA_NONE, "ip", int, (pthread_rwlock_t *))    \
  X(pthread_rwlock_timedrdlock, CP_REDIRECT_LOCK, CP_EXTRA_NONE, "ipp", int,                       \
    (pthread_rwlock_t *, const struct timespec *))                                                 \
  X(pthread_rwlock_timedwrlock, CP_REDIRECT_LOCK, CP_EXTRA_NONE, "ipp", int,                       \
    (pthread_rwlock_t *, const struct timespec *))                                                 \
  X(pthread_rwlock_clockrdlock, CP_REDIRECT_LOCK, CP_EXTRA_NONE, "ipip", int,                      \
    (pthread_rwlock_t *, clockid_t, const struct timespec *))                                      \
  X(pthread_rwlock_clockwrlock, CP_REDIRECT_LOCK, CP_EXTRA_NONE, "ipip", int,                      \
    (pthread_rwlock_t *, clockid_t, const struct timespec *))                                      \
  X(pthread_rwlock_unlock, CP_REDIRECT_UNLOCK, CP_EXTRA_NONE, "ip", int, (pthread_rwlock_t *))     \
  X(pthread_spin_lock, CP_REDIRECT_LOCK, CP_EXTRA_NONE, "ip", int, (pthread_spinlock_t *))         \
  X(pthread_spin_trylock, CP_REDIRECT_LOCK, CP_EXTRA_NONE, "ip", int, (pthread_spinlock_t *))      \
  X(pthread_spin_unlock, CP_REDIRECT_UNLOCK, CP_EXTRA_NONE, "ip", int, (pthread_spinlock_t *))     \
  X(mtx_lock, CP_REDIRECT_LOCK, CP_EXTRA_NONE, "ip", int, (mtx_t *))                               \
  X(mtx_trylock, CP_REDIRECT_LOCK, CP_EXTRA_NONE, "ip", int, (mtx_t *))                            \
  X(mtx_timedlock, CP_REDIRECT_LOCK, CP_EXTRA_NONE, "ipp", int,                                    \
    (mtx_t *, const struct timespec *))                                                            \
  X(mtx_unlock, CP_REDIRECT_UNLOCK, CP_EXTRA_NONE, "ip", int, (mtx_t *))                           \
  X(flockfile, CP_REDIRECT_LOCK, CP_EXTRA_NONE, "vp", void, (FILE *))                              \
  X(ftrylockfile, CP_REDIRECT_LOCK, CP_EXTRA_NONE, "ip", int, (FILE *))                            \
  X(funlockfile, CP_REDIRECT_UNLOCK, CP_EXTRA_NONE, "vp", void, (FILE *))                          \
  /* signal handlers run with requests held */                                                     \
  X(sigaction, CP_REDIRECT_SIGNAL, CP_EXTRA_NONE, "iipp", int,                                     \
    (int, const struct sigaction *, struct sigaction *))                                           \
  X(signal, CP_REDIRECT_SIGNAL, CP_EXTRA_NONE, "pip", sighandler_t, (int, sighandler_t))           \
  X(bsd_signal, CP_REDIRECT_SIGNAL, CP_EXTRA_NONE, "pip", sighandler_t, (int, sighandler_t))       \
  X(sysv_signal, CP_REDIRECT_SIGNAL, CP_EXTRA_NONE, "pip", sighandler_t, (int, sighandler_t))      \
  X(__sysv_signal, CP_REDIRECT_SIGNAL, CP_EXTRA_NONE, "pip", sighandler_t, (int, sighandler_t))    \
  /* callbacks libc runs under its own lock, or on the way out */                                  \
  X(dl_iterate_phdr, CP_REDIRECT_CALLBACK, CP_EXTRA_NONE, "ipp", int,                              \
    (int (*)(struct dl_phdr_info *, size_t, void *), void *))                                      \
  X(pthread_once, CP_REDIRECT_CALLBACK, CP_EXTRA_NONE, "ipp", int,                                 \
    (pthread_once_t *, void (*)(void)))                                                            \
  X(call_once, CP_REDIRECT_CALLBACK, CP_EXTRA_NONE, "vpp", void, (once_flag *, void (*)(void)))    \
  X(exit, CP_REDIRECT_CALLBACK, CP_EXTRA_NONE, "vi", void, (int))                                  \
  X(quick_exit, CP_REDIRECT_CALLBACK, CP_EXTRA_NONE, "vi", void, (int))                            \
  X(pthread_exit, CP_REDIRECT_CALLBACK, CP_EXTRA_NONE, "vp", void, (void *))                       \
  X(fork, CP_REDIRECT_CALLBACK, CP_EXTRA_NONE, "i", pid_t, (void))                                 \
  X(atexit, CP_REDIRECT_CALLBACK, CP_EXTRA_DSO, "ip", int, (void (*)(void), void *))               \
  X(fopencookie, CP_REDIRECT_CALLBACK, CP_EXTRA_NONE, "pppp", FILE *,                              \
    (void *, const char *, cookie_io_functions_t))

#ifndef __ASSEMBLER__
enum cp_redirect_kind {
  CP_REDIRECT_BLOCKING,
  CP_REDIRECT_SIGNAL,
  CP_REDIRECT_CALLBACK,
  CP_REDIRECT_LOCK,
  CP_REDIRECT_UNLOCK
};
enum cp_redirect_extra { CP_EXTRA_NONE, CP_EXTRA_DSO };
#endif

#endif
