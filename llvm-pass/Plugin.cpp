//===- Plugin.cpp - registration of the cancelpoints pass plugin ----------===//
//
//   opt -load-pass-plugin=libcancelpoints.so -passes=cancelpoints
//   opt -load-pass-plugin=libcancelpoints.so -passes=cancelpoints-mark
//   clang -fpass-plugin=libcancelpoints.so
//
// Two phases (Markers.h): the markers go in at the start of the pipeline,
// before the optimiser sees the loops (PipelineStart at -O0; above it
// PipelineEarlySimplification, after the clean-up of the front end's
// output, which so sees what it sees without the plugin); they are lowered
// to points at its very end (OptimizerLast, and FullLTO last), after the
// vectoriser and the unroller.  Between them, at the peephole
// extension point, fill and copy loops that show only after inlining get
// their markers moved before them (StridedStores.h).  `-passes=cancelpoints`
// on IR that has no markers places them first.
//
//===----------------------------------------------------------------------===//
#include "CancelPoints.h"
#include "Compat.h"
#include "Markers.h"
#include "StridedStores.h"

#include "llvm/Passes/PassBuilder.h"

#include <memory>
#include <mutex>
#include <vector>

using namespace llvm;

static void addPass(ModulePassManager &MPM, OptimizationLevel) {
  MPM.addPass(cancelpoints::CancelPointsPass());
}

namespace {
/// Lives as long as the callbacks registered with one PassBuilder: one of
/// them holds it, and the PassBuilder's end destroys it.
struct RegistrationToken {};
} // namespace

/// A token for a first registration with PB, or null if this plugin is
/// registered with PB already.  A PassBuilder at the address of one that is
/// gone (clang compiles one file after another in one process) is new.
static std::shared_ptr<RegistrationToken> registerOnce(PassBuilder &PB) {
  static std::mutex Lock;
  static std::vector<std::pair<const PassBuilder *,
                               std::weak_ptr<RegistrationToken>>>
      Live;
  std::lock_guard<std::mutex> Guard(Lock);
  llvm::erase_if(Live, [](const auto &E) { return E.second.expired(); });
  if (llvm::any_of(Live, [&](const auto &E) { return E.first == &PB; }))
    return nullptr;
  auto Token = std::make_shared<RegistrationToken>();
  Live.push_back({&PB, Token});
  return Token;
}

extern "C" LLVM_ATTRIBUTE_WEAK
    __attribute__((visibility("default"))) ::llvm::PassPluginLibraryInfo
    llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "cancelpoints", "0.1", [](PassBuilder &PB) {
            std::shared_ptr<RegistrationToken> Token = registerOnce(PB);
            if (!Token)
              return;
            // -print-pipeline-passes prints the names -passes= accepts.
            if (PassInstrumentationCallbacks *PIC =
                    PB.getPassInstrumentationCallbacks()) {
              PIC->addClassToPassName(cancelpoints::CancelPointMarkPass::name(),
                                      "cancelpoints-mark");
              PIC->addClassToPassName(cancelpoints::CancelPointsPass::name(),
                                      "cancelpoints");
            }
            PB.registerPipelineParsingCallback(
                [Token](StringRef Name, ModulePassManager &MPM,
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
            // -O0: the markers go in first.  Above it, after the early
            // cleanup (SimplifyCFG, SROA, EarlyCSE on the front end's
            // output, as without the plugin): the loops are then in SSA form
            // and the IR is what the optimiser would have seen.
            PB.registerPipelineStartEPCallback(
                [](ModulePassManager &MPM, OptimizationLevel Level) {
                  if (Level == OptimizationLevel::O0)
                    MPM.addPass(cancelpoints::CancelPointMarkPass());
                });
            cancelpoints::compat::registerEarlySimplification(
                PB, [](ModulePassManager &MPM, OptimizationLevel Level) {
                  if (Level != OptimizationLevel::O0)
                    MPM.addPass(cancelpoints::CancelPointMarkPass());
                });
            PB.registerPeepholeEPCallback(
                [](FunctionPassManager &FPM, OptimizationLevel Level) {
                  if (Level != OptimizationLevel::O0)
                    FPM.addPass(cancelpoints::StridedStoresLatePass());
                });
            cancelpoints::compat::registerOptimizerLast(PB, addPass);
            cancelpoints::compat::registerFullLTOLast(PB, addPass);
          }};
}
