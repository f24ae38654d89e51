//===- Plugin.cpp - registration of the cancelpoints pass plugin ----------===//
//
//   opt -load-pass-plugin=libcancelpoints.so -passes=cancelpoints
//   clang -fpass-plugin=libcancelpoints.so     (OptimizerLast, at every -O
//                                               level, and FullLTO last)
//
// The points go in at the very end of the optimisation pipeline, after the
// vectoriser and the unroller: a poll in a loop header earlier in the
// pipeline blocks vectorisation (DESIGN.md, "Lessons").
//
//===----------------------------------------------------------------------===//
#include "CancelPoints.h"
#include "Compat.h"

#include "llvm/Passes/PassBuilder.h"

using namespace llvm;

static void addPass(ModulePassManager &MPM, OptimizationLevel) {
  MPM.addPass(cancelpoints::CancelPointsPass());
}

extern "C" LLVM_ATTRIBUTE_WEAK __attribute__((visibility("default")))
::llvm::PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "cancelpoints", "0.1", [](PassBuilder &PB) {
            PB.registerPipelineParsingCallback(
                [](StringRef Name, ModulePassManager &MPM,
                   ArrayRef<PassBuilder::PipelineElement>) {
                  if (Name != "cancelpoints")
                    return false;
                  MPM.addPass(cancelpoints::CancelPointsPass());
                  return true;
                });
            cancelpoints::compat::registerOptimizerLast(PB, addPass);
            cancelpoints::compat::registerFullLTOLast(PB, addPass);
          }};
}
