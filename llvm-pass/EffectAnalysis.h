//===- EffectAnalysis.h - which instructions are effects ------------------===//
//
// docs/DESIGN.md: code is effect-free when re-running it from its
// point cannot change what the program computes or writes.  This analysis
// answers, for one instruction, whether it is an effect (and which kind, for
// the remarks), and, for the whole module, which defined functions are
// effect-free.  The policy:
//
//  * A store, memset, memcpy or memmove is an effect unless it writes a
//    "fresh" alloca: a static, non-escaping alloca (its users are loads,
//    stores through it, lifetime markers, memory intrinsics, and GEPs/casts
//    of those) whose users all lie inside the region at hand.  For a whole
//    function every non-escaping alloca of the function is fresh.
//  * Volatile or atomic accesses, atomicrmw, cmpxchg, fence, inline asm,
//    dynamic allocas, va_arg/va_start/va_end, EH (invoke, landingpad,
//    resume, funclet pads), indirectbr/callbr and musttail calls are effects.
//  * A call is an effect unless the callee is effect-free:
//      - a defined, non-interposable function of the module that is
//        effect-free itself (optimistic fixed point over the call graph, so
//        recursion like a naive fib is effect-free);
//      - a declaration (or interposable definition) whose attributes say
//        memory(none) or memory(read) (argmem-only included) and nounwind;
//      - a well-known pure libm/libc function, by name, when the call's type
//        matches its C prototype;
//      - a declaration (or interposable definition) the user vouches for:
//        annotate("cp_reset_safe"), the clang plugin's reset_safe.  A
//        definition in the module is judged by its body like any other;
//        firstEffect names what breaks the claim.
//      - intrinsics that are memory(none)/memory(read) and nounwind, and the
//        bookkeeping ones (dbg.*, lifetime.*, assume, expect, ...).
//    Indirect calls, returns_twice callees (setjmp & co.) and the runtime's
//    own entry points (__cp_*, cp_*) are effects, except the pass's own
//    marker and its vector variants (Markers.h), which the pass lowers and
//    removes.
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_EFFECTANALYSIS_H
#define CANCELPOINTS_EFFECTANALYSIS_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <string>

namespace llvm {
class AllocaInst;
class BasicBlock;
class CallBase;
class Function;
class Instruction;
class Module;
} // namespace llvm

namespace cancelpoints {

enum class EffectKind {
  None,
  Store,
  Volatile,
  Atomic,
  Fence,
  InlineAsm,
  DynamicAlloca,
  VarArg,
  ExceptionHandling,
  IndirectBranch,
  MustTail,
  IndirectCall,
  ReturnsTwice,
  RuntimeCall,
  Call,
};

/// Why an instruction is an effect.  Converts to true when it is one.
struct Effect {
  EffectKind Kind = EffectKind::None;
  const llvm::Function *Callee = nullptr;
  explicit operator bool() const { return Kind != EffectKind::None; }
  /// Short text for remarks: "store", "call to 'foo'", ...
  std::string describe() const;
};

/// The static, non-escaping allocas of one function, with their users.
class AllocaInfo {
public:
  explicit AllocaInfo(const llvm::Function &F);
  /// Non-escaping anywhere in the function (whole-function freshness).
  bool isNonEscaping(const llvm::AllocaInst *AI) const {
    return Users.count(AI);
  }
  /// Non-escaping, every user that touches it (not the address arithmetic,
  /// which LICM may hoist out) lies in a block of Blocks, and its lifetime
  /// starts in Blocks: what a region writes there was undefined when the
  /// region was entered, so a rewind that runs the region again cannot see
  /// a value the same run would not have.  (All uses inside is not enough: a
  /// slot can carry values from one entry of the region to the next.)
  bool isFreshIn(
      const llvm::AllocaInst *AI,
      const llvm::SmallPtrSetImpl<const llvm::BasicBlock *> &Blocks) const;

private:
  llvm::DenseMap<const llvm::AllocaInst *,
                 llvm::SmallVector<const llvm::Instruction *, 8>>
      Users;
};

using FreshPredicate = llvm::function_ref<bool(const llvm::AllocaInst *)>;

class EffectAnalysis {
public:
  /// Computes the effect-free functions of M (optimistic fixed point).
  explicit EffectAnalysis(llvm::Module &M);

  /// Is I an effect?  IsFresh says which allocas may be written.
  Effect classify(const llvm::Instruction &I, FreshPredicate IsFresh) const;

  /// Is F (a defined function) effect-free?
  bool isEffectFreeFunction(const llvm::Function &F) const {
    return EffectFree.count(&F);
  }

  /// The functions annotated reset_safe (declared or defined).
  const llvm::DenseSet<const llvm::Function *> &resetSafe() const {
    return ResetSafe;
  }

  /// The first instruction of F (defined) that is an effect, or null.
  const llvm::Instruction *firstEffect(const llvm::Function &F) const;

  /// An effect-free call that is worth a reset region: a call to an
  /// uninstrumented declaration (not an intrinsic, not a well-known libc or
  /// libm function, not one given no argument that reads no memory and
  /// returns).  Callers check that CB is not an effect first.
  bool isWorthwhileCall(const llvm::CallBase &CB) const;

  /// The directly called function, if the call's type matches it.
  static const llvm::Function *directCallee(const llvm::CallBase &CB);
  /// The name of CB's direct callee, or "?" (for remarks).
  static std::string calleeName(const llvm::CallBase &CB);

  /// Names of the runtime's own entry points (__cp_*, cp_*).
  static bool isRuntimeName(llvm::StringRef Name);

private:
  Effect classifyCall(const llvm::CallBase &CB, FreshPredicate IsFresh) const;
  bool ModuleReadsErrno; // libm calls that may write errno are effects
  llvm::DenseSet<const llvm::Function *> ResetSafe;
  llvm::DenseSet<const llvm::Function *> EffectFree;
};

} // namespace cancelpoints

#endif
