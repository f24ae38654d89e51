//===- Compat.h - named shims over LLVM 17..22 API differences -----------===//
//
// Every place where the pass depends on an LLVM API that moved between the
// versions we support (17 to 22; 19 is the default) goes through one of the
// small functions here, so the rest of the code is written once.
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_COMPAT_H
#define CANCELPOINTS_COMPAT_H

#include "llvm/Config/llvm-config.h"
#include "llvm/IR/Module.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Transforms/Utils/LoopPeel.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

// The pass plugin header moved from Passes/ to Plugins/ in LLVM 22.
#if __has_include("llvm/Plugins/PassPlugin.h")
#include "llvm/Plugins/PassPlugin.h"
#else
#include "llvm/Passes/PassPlugin.h"
#endif

#if LLVM_VERSION_MAJOR < 17
#error "cancelpoints needs LLVM 17 or newer"
#endif

namespace cancelpoints {
namespace compat {

/// Module::getTargetTriple returns a Triple from LLVM 21, a string before.
inline llvm::Triple targetTriple(const llvm::Module &M) {
#if LLVM_VERSION_MAJOR >= 21
  return M.getTargetTriple();
#else
  return llvm::Triple(M.getTargetTriple());
#endif
}

/// llvm::peelLoop peels the first N iterations of L (LCSSA preserved).  It
/// gained a PeelLast argument in LLVM 21 and returns nothing (it always
/// peels) from LLVM 22.
inline bool peelFirstIterations(llvm::Loop *L, unsigned N, llvm::LoopInfo *LI,
                                llvm::ScalarEvolution *SE,
                                llvm::DominatorTree &DT,
                                llvm::AssumptionCache *AC,
                                llvm::ValueToValueMapTy &VMap) {
#if LLVM_VERSION_MAJOR >= 22
  llvm::peelLoop(L, N, /*PeelLast=*/false, LI, SE, DT, AC,
                 /*PreserveLCSSA=*/true, VMap);
  return true;
#elif LLVM_VERSION_MAJOR >= 21
  return llvm::peelLoop(L, N, /*PeelLast=*/false, LI, SE, DT, AC,
                        /*PreserveLCSSA=*/true, VMap);
#else
  return llvm::peelLoop(L, N, LI, SE, DT, AC, /*PreserveLCSSA=*/true, VMap);
#endif
}

/// Fn(ModulePassManager &, OptimizationLevel) as the callback of an
/// extension point that gained a ThinOrFullLTOPhase argument in LLVM 20
/// (OptimizerLast, PipelineEarlySimplification).
template <typename FnT> auto withoutPhase(FnT Fn) {
#if LLVM_VERSION_MAJOR >= 20
  return [Fn](llvm::ModulePassManager &MPM, llvm::OptimizationLevel Level,
              llvm::ThinOrFullLTOPhase) { Fn(MPM, Level); };
#else
  return [Fn](llvm::ModulePassManager &MPM, llvm::OptimizationLevel Level) {
    Fn(MPM, Level);
  };
#endif
}

template <typename FnT>
void registerOptimizerLast(llvm::PassBuilder &PB, FnT Fn) {
  PB.registerOptimizerLastEPCallback(withoutPhase(Fn));
}

template <typename FnT>
void registerEarlySimplification(llvm::PassBuilder &PB, FnT Fn) {
  PB.registerPipelineEarlySimplificationEPCallback(withoutPhase(Fn));
}

/// FullLinkTimeOptimizationLast: same signature from 17 to 22.
template <typename FnT>
void registerFullLTOLast(llvm::PassBuilder &PB, FnT Fn) {
  PB.registerFullLinkTimeOptimizationLastEPCallback(
      [Fn](llvm::ModulePassManager &MPM, llvm::OptimizationLevel Level) {
        Fn(MPM, Level);
      });
}

} // namespace compat
} // namespace cancelpoints

#endif
