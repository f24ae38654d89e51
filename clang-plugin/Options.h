//===- Options.h - the clang plugin's warnings and their switches ---------===//
//
// The plugin's diagnostics form the warning group -Wcancelpoints, one
// subgroup per check (-Wcancelpoints-<check>).  Clang has no way for a
// plugin to add warning groups of its own, so the plugin maps its warnings
// itself, from two sources, later ones winning:
//
//   * the plugin's arguments: -plugin-arg-cancelpoints_clang -Wno-cancelpoints-X
//     (what cpcc passes; clang does not look at them);
//   * clang's own -W options naming the group or a subgroup (-Wcancelpoints,
//     -Wno-cancelpoints-cleanup, -Werror=cancelpoints-shield-blocking): they
//     work too, but clang, which does not know them, also says "unknown
//     warning option" unless -Wno-unknown-warning-option is given.
//
// -w and -Werror apply to the plugin's warnings as to clang's own (the
// plugin applies them: clang does not, to a custom diagnostic).  Checks
// marked opt-in (uncancellable) are off unless named.
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_CLANG_OPTIONS_H
#define CANCELPOINTS_CLANG_OPTIONS_H

#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang {
class DiagnosticsEngine;
class SourceLocation;
} // namespace clang

namespace cancelpoints {

/// The checks, each a subgroup of -Wcancelpoints.
enum class Check {
  Cleanup,        ///< cancelpoints-cleanup: cp_cleanup_push without its pop
  ShieldBlocking, ///< cancelpoints-shield-blocking: a blocking call no point
  UnusedCheck,    ///< cancelpoints-unused-check: cp_check()'s result dropped
  ResetSafe,      ///< cancelpoints-reset-safe: a reset_safe claim is false
  Uncancellable,  ///< cancelpoints-uncancellable (opt-in): a loop no ^C reaches
  NumChecks
};

/// The subgroup's name without -W: "cancelpoints-cleanup".
llvm::StringRef checkFlag(Check C);

/// What the plugin reports, decided from the options above.
class WarningOptions {
public:
  WarningOptions();
  /// Applies one -W option (without the -W): "cancelpoints",
  /// "no-cancelpoints-cleanup", "error=cancelpoints-uncancellable".
  /// False if it names no group of the plugin.
  bool apply(llvm::StringRef Opt);
  bool enabled(Check C) const { return State[int(C)] != Off; }
  bool isError(Check C) const { return State[int(C)] == Error; }
  /// -Wno-error=X: not an error even under -Werror.
  bool neverError(Check C) const { return NoError[int(C)]; }
  /// The option the pass needs to hear about (-mllvm style), or "".
  std::vector<std::string> passOptions() const;

private:
  enum Level { Off, On, Error };
  Level State[int(Check::NumChecks)];
  bool NoError[int(Check::NumChecks)] = {};
};

/// The plugin's report for check C, with its flag appended as clang does.
/// Nothing when C is off.
void report(clang::DiagnosticsEngine &D, const WarningOptions &W, Check C,
            clang::SourceLocation Loc, llvm::StringRef Message);

/// A hard error (an attribute in the wrong place).
void reportError(clang::DiagnosticsEngine &D, clang::SourceLocation Loc,
                 llvm::StringRef Message);

} // namespace cancelpoints

#endif
