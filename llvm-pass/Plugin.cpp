//===- Plugin.cpp - registration of the cancelpoints pass plugin ----------===//
//
//   opt -load-pass-plugin=libcancelpoints.so -passes=cancelpoints
//   opt -load-pass-plugin=libcancelpoints.so -passes=cancelpoints-mark
//   clang -fpass-plugin=libcancelpoints.so
//
// Two phases (Markers.h): the markers go in at the start of the pipeline
// (PipelineStart, every -O level), before the optimiser sees the loops; they
// are lowered to points at its very end (OptimizerLast, and FullLTO last),
// after the vectoriser and the unroller.  `-passes=cancelpoints` on IR that
// has no markers places them first.
//
//===----------------------------------------------------------------------===//
#include "CancelPoints.h"
#include "Compat.h"
#include "Markers.h"

#include "llvm/Passes/PassBuilder.h"
#include "llvm/Transforms/Utils/Mem2Reg.h"

using namespace llvm;

static void addPass(ModulePassManager &MPM, OptimizationLevel) {
  MPM.addPass(cancelpoints::CancelPointsPass());
}

extern "C" LLVM_ATTRIBUTE_WEAK
    __attribute__((visibility("default"))) ::llvm::PassPluginLibraryInfo
    llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "cancelpoints", "0.1", [](PassBuilder &PB) {
            // -print-pipeline-passes prints the names -passes= accepts.
            if (PassInstrumentationCallbacks *PIC =
                    PB.getPassInstrumentationCallbacks()) {
              PIC->addClassToPassName(cancelpoints::CancelPointMarkPass::name(),
                                      "cancelpoints-mark");
              PIC->addClassToPassName(cancelpoints::CancelPointsPass::name(),
                                      "cancelpoints");
            }
            PB.registerPipelineParsingCallback(
                [](StringRef Name, ModulePassManager &MPM,
                   ArrayRef<PassBuilder::PipelineElement>) {
                  if (Name == "cancelpoints-mark") {
                    MPM.addPass(cancelpoints::CancelPointMarkPass());
                    return true;
                  }
                  if (Name != "cancelpoints")
                    return false;
                  MPM.addPass(cancelpoints::CancelPointsPass());
                  return true;
                });
            // mem2reg first (SROA would do it a moment later), so that the
            // markers see loops in SSA form and their trip bounds.
            PB.registerPipelineStartEPCallback([](ModulePassManager &MPM,
                                                  OptimizationLevel Level) {
              if (Level != OptimizationLevel::O0)
                MPM.addPass(createModuleToFunctionPassAdaptor(PromotePass()));
              MPM.addPass(cancelpoints::CancelPointMarkPass());
            });
            cancelpoints::compat::registerOptimizerLast(PB, addPass);
            cancelpoints::compat::registerFullLTOLast(PB, addPass);
          }};
}
