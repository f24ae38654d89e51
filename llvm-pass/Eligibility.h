//===- Eligibility.h - which functions the pass instruments -------------===//
//
// Module-level facts both phases of the pass share (CancelPoints.h): the
// functions that must be left alone, and the functions on call-graph cycles
// (direct calls only), whose entries are points.
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_ELIGIBILITY_H
#define CANCELPOINTS_ELIGIBILITY_H

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace llvm {
class Function;
class Module;
} // namespace llvm

namespace cancelpoints {

/// The SCCs of the call graph (direct calls) that are cycles.
std::vector<std::vector<llvm::Function *>> findRecursiveSCCs(llvm::Module &M);

/// Functions carrying __attribute__((annotate("<Annotation>"))): the
/// clang plugin's words on functions (CP_ANNOTATE_*), defined or declared.
llvm::DenseSet<const llvm::Function *>
findAnnotated(const llvm::Module &M, llvm::StringRef Annotation);

/// Functions carrying __attribute__((annotate("cp_nocancel"))).
llvm::DenseSet<const llvm::Function *> findNoCancelAnnotated(llvm::Module &M);

/// Why F must be left alone (no point, no marker), or an empty string:
/// runtime entry points, naked, no-cancel, variadic, exception handling,
/// inline asm, returns_twice calls.
std::string
whyLeftAlone(const llvm::Function &F,
             const llvm::DenseSet<const llvm::Function *> &Annotated);

} // namespace cancelpoints

#endif
