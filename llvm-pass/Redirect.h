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
/// delivers like an implicit point; likewise sigaction and signal, and the
/// libc calls that run a callback under a lock of libc's own, whose runtime
/// versions hold requests.  atexit gets the module's __dso_handle as an
/// extra last argument.  A remark per call.  Returns the number of calls
/// redirected.  Lock and unlock calls are left to recordLocks.
unsigned redirectBlockingCalls(llvm::Function &F,
                               llvm::OptimizationRemarkEmitter &ORE,
                               Emitter &E);

/// In F, around each direct call to a libc lock or unlock function (pthread
/// mutexes, rwlocks, spin locks, C11 mtx_t, flockfile) whose call has the
/// libc prototype, the inline lock record (Emitter::emitLockRecord and
/// emitUnlockDrop; its site: E.site, CP_SITE_LOCK), so that requests are
/// held while the lock is.  The calls stay libc's.  It splits blocks: run
/// it after the function is instrumented.  A remark per call.  Returns the
/// number of calls.
unsigned recordLocks(llvm::Function &F, Emitter &E);

} // namespace cancelpoints

#endif
