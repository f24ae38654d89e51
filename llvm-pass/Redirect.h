//===- Redirect.h - plain libc blocking calls to the runtime's ------------===//
#ifndef CANCELPOINTS_REDIRECT_H
#define CANCELPOINTS_REDIRECT_H

namespace llvm {
class Function;
class OptimizationRemarkEmitter;
} // namespace llvm

namespace cancelpoints {

class Emitter;

/// Is redirection on (-cancelpoints-redirect, default true)?
bool redirectEnabled();

/// In F, replaces each direct call to a libc blocking function (read, sleep,
/// pthread_cond_wait...) whose call has the libc prototype by a call to the
/// runtime's CP_SYM_REDIRECT_PREFIX version (cancelpoints_abi.h), which
/// delivers like an implicit point; likewise the lock and unlock calls,
/// sigaction and signal, and the libc calls that run a callback under a
/// lock of libc's own, whose runtime versions hold requests.  A lock call
/// gets the call's site (E.site, CP_SITE_LOCK) as an extra last argument,
/// atexit the module's __dso_handle.  A remark per call.  Returns the
/// number of calls redirected.
unsigned redirectBlockingCalls(llvm::Function &F,
                               llvm::OptimizationRemarkEmitter &ORE,
                               Emitter &E);

} // namespace cancelpoints

#endif
