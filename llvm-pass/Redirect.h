//===- Redirect.h - plain libc blocking calls to the runtime's ------------===//
#ifndef CANCELPOINTS_REDIRECT_H
#define CANCELPOINTS_REDIRECT_H

namespace llvm {
class Function;
class OptimizationRemarkEmitter;
} // namespace llvm

namespace cancelpoints {

/// Is redirection on (-cancelpoints-redirect, default true)?
bool redirectEnabled();

/// In F, replaces each direct call to a libc blocking function (read, sleep,
/// pthread_cond_wait...) whose call has the libc prototype by a call to the
/// runtime's CP_SYM_REDIRECT_PREFIX version (cancelpoints_abi.h), which
/// delivers like an implicit point.  A remark per call.  Returns the number
/// of calls redirected.
unsigned redirectBlockingCalls(llvm::Function &F,
                               llvm::OptimizationRemarkEmitter &ORE);

} // namespace cancelpoints

#endif
