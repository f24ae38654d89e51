//===- Redirect.h - plain libc blocking calls to the runtime's ------------===//
#ifndef CANCELPOINTS_REDIRECT_H
#define CANCELPOINTS_REDIRECT_H

namespace llvm {
class Function;
class OptimizationRemarkEmitter;
} // namespace llvm

namespace cancelpoints {

class Emitter;

/// Is redirection on (-cancelpoints-redirect, default true)?  The one test
/// of the option: call the two functions below only when it is.
bool redirectEnabled();

/// In F, replaces each direct call to a libc function of CP_REDIRECTS
/// (cancelpoints_abi.h) other than a lock or unlock, whose call has the
/// row's shape (libc's prototype), by a call to the runtime's
/// CP_SYM_REDIRECT_PREFIX version: a blocking call's delivers like an
/// implicit point; a signal call's and a callback call's hold requests.  A
/// row with CP_EXTRA_DSO gets the module's __dso_handle as an extra last
/// argument.  A remark per call.  Returns the number of calls redirected.
unsigned redirectBlockingCalls(llvm::Function &F,
                               llvm::OptimizationRemarkEmitter &ORE,
                               Emitter &E);

/// In F, around each direct call to a lock or unlock function of
/// CP_REDIRECTS whose call has the row's shape, the inline lock record
/// (Emitter::emitLockRecord and emitUnlockDrop; its site: E.site,
/// CP_SITE_LOCK), so that requests are held while the lock is.  The calls
/// stay libc's.  It splits blocks: run it after the function is
/// instrumented.  A remark per call.  Returns the number of calls.
unsigned recordLocks(llvm::Function &F, Emitter &E);

} // namespace cancelpoints

#endif
