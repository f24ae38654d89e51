/* cp_emul.h - what the pass emits, written by hand, for the runtime tests.
 *
 *   CP_POLL(site)      the inlined poll: one TLS load, the slow path if set
 *   __cp_arm(&ctx)     arm a reset region (returns 1 when rewound to it)
 *   cp_disarm(&ctx)    leave it: armed = ctx.prev
 */
#ifndef CP_EMUL_H
#define CP_EMUL_H
#define _GNU_SOURCE
#include "cancelpoints_abi.h"
#include <sys/syscall.h>
#include <unistd.h>

extern __thread struct cp_tls __cp_tls __attribute__((tls_model("initial-exec")));
int __cp_arm(struct cp_reset_ctx *ctx) __attribute__((returns_twice));
void __cp_poll_slow(const struct cp_site *site);

#define CP_POLL(site)                                                          \
  do {                                                                         \
    if (__builtin_expect(__cp_tls.poll != 0, 0))                               \
      __cp_poll_slow(site);                                                    \
  } while (0)

#define CP_CTX(name) struct cp_reset_ctx name __attribute__((aligned(16)))

static inline void cp_disarm(struct cp_reset_ctx *ctx) { __cp_tls.armed = ctx->prev; }

static inline int cp_test_gettid(void) { return (int)syscall(SYS_gettid); }

#endif
