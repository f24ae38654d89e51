//===- Plugin.cpp - the clang plugin libcancelpoints_clang.so -------------===//
//
//   clang -fplugin=libcancelpoints_clang.so prog.c
//
// Loading the plugin gives the program's source its words for cancellation
// and the compiler the whole of cancelpoints:
//
//  * the attributes [[cancelpoints::X]] / __attribute__((cancelpoints_X))
//    (Attributes.cpp), and the macro __CANCELPOINTS_CLANG_PLUGIN__, so that
//    <cancelpoints.h>'s CP_NOCANCEL & co. spell them;
//  * the -Wcancelpoints checks on the AST (Checks.cpp);
//  * the pass: a pass-builder callback of the code generator loads
//    libcancelpoints.so from the plugin's own directory and registers it, as
//    -fpass-plugin would.  Given -fpass-plugin=libcancelpoints.so as well,
//    the pass still runs once: it registers once per PassBuilder
//    (llvm-pass/Plugin.cpp).  The same callback hands the pass the plugin's
//    warning switches (Options.h) through its command-line options.
//
// With -Wcancelpoints-uncancellable the plugin turns on clang's location
// tracking (debug locations in the IR, none in the object, as -Rpass does),
// so that the pass can say where each loop is.
//
// Arguments, each -plugin-arg-cancelpoints_clang <arg>: a warning switch
// (-Wno-cancelpoints-cleanup, -Wcancelpoints-uncancellable, ...; Options.h),
// or -no-pass: the words and the checks without the pass.
//
// The words need an AST: under -E the macro is not defined and the CP_*
// macros fall back to what they mean without the plugin.
//
//===----------------------------------------------------------------------===//
#include "Checks.h"
#include "Options.h"

#include "clang/Basic/CodeGenOptions.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/Passes/PassBuilder.h"
// The pass plugin header moved from Passes/ to Plugins/ in LLVM 22.
#if __has_include("llvm/Plugins/PassPlugin.h")
#include "llvm/Plugins/PassPlugin.h"
#else
#include "llvm/Passes/PassPlugin.h"
#endif
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Path.h"

#include <dlfcn.h>

using namespace clang;
using namespace llvm;
using namespace cancelpoints;

/// libcancelpoints.so in the directory this plugin was loaded from.
static std::string passPluginPath() {
  Dl_info Info;
  if (!dladdr(reinterpret_cast<void *>(&passPluginPath), &Info) ||
      !Info.dli_fname)
    return "libcancelpoints.so";
  SmallString<256> Path(sys::path::parent_path(Info.dli_fname));
  sys::path::append(Path, "libcancelpoints.so");
  return std::string(Path);
}

/// Sets the pass's options ("-name=value"), now that its library is loaded.
static void setPassOptions(const std::vector<std::string> &Opts) {
  // A StringMap, by reference; a DenseMap, by value, in LLVM 22.
  auto &&Registered = cl::getRegisteredOptions();
  for (const std::string &O : Opts) {
    auto [Name, Value] = StringRef(O).ltrim('-').split('=');
    if (cl::Option *Opt = Registered.lookup(Name))
      Opt->addOccurrence(0, Name, Value);
  }
}

/// Loads the pass and registers it with the code generator's PassBuilder.
static void addPass(CompilerInstance &CI, const WarningOptions &W) {
  std::string Path = passPluginPath();
  std::vector<std::string> Opts = W.passOptions();
  DiagnosticsEngine &Diags = CI.getDiagnostics();
  CI.getCodeGenOpts().PassBuilderCallbacks.push_back(
      [Path, Opts, &Diags](PassBuilder &PB) {
        Expected<PassPlugin> P = PassPlugin::Load(Path);
        if (!P) {
          reportError(Diags, SourceLocation(),
                      "cancelpoints: cannot load the pass " + Path + ": " +
                          toString(P.takeError()));
          return;
        }
        P->registerPassBuilderCallbacks(PB);
        setPassOptions(Opts);
      });
}

namespace {
class CancelPointsAction : public PluginASTAction {
  WarningOptions Warnings;
  std::vector<std::string> PluginWarnings;
  bool LoadPass = true;

protected:
  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    for (const std::string &A : Args) {
      StringRef S(A);
      if (S == "-no-pass") {
        LoadPass = false;
        continue;
      }
      if (S.consume_front("-W") && WarningOptions().apply(S)) {
        PluginWarnings.push_back(S.str());
        continue;
      }
      reportError(CI.getDiagnostics(), SourceLocation(),
                  "cancelpoints: unknown plugin argument '" + A + "'");
      return false;
    }
    return true;
  }

  ActionType getActionType() override { return AddBeforeMainAction; }

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    // clang's own -W options first, then the plugin's arguments.
    for (const std::string &W : CI.getDiagnosticOpts().Warnings)
      Warnings.apply(W);
    for (const std::string &W : PluginWarnings)
      Warnings.apply(W);
    Preprocessor &PP = CI.getPreprocessor();
    PP.setPredefines(PP.getPredefines() +
                     "#define __CANCELPOINTS_CLANG_PLUGIN__ 1\n");
    if (LoadPass) {
      addPass(CI, Warnings);
      // The pass says where a loop is from debug locations: track them (as
      // -Rpass does; nothing is emitted into the object).
      CodeGenOptions &CG = CI.getCodeGenOpts();
      if (Warnings.enabled(Check::Uncancellable) &&
          CG.getDebugInfo() == llvm::codegenoptions::NoDebugInfo)
        CG.setDebugInfo(llvm::codegenoptions::LocTrackingOnly);
    }
    return makeCheckConsumer(CI, Warnings);
  }
};
} // namespace

static FrontendPluginRegistry::Add<CancelPointsAction>
    X("cancelpoints_clang", "cancelpoints: attributes, checks and the pass");
