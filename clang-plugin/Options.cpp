//===- Options.cpp - the clang plugin's warnings and their switches -------===//
#include "Options.h"

#include "clang/Basic/Diagnostic.h"

using namespace cancelpoints;
using namespace llvm;

static const StringLiteral Flags[] = {
    "cancelpoints-cleanup", "cancelpoints-shield-blocking",
    "cancelpoints-unused-check", "cancelpoints-reset-safe",
    "cancelpoints-uncancellable"};
static_assert(std::size(Flags) == size_t(Check::NumChecks), "one flag a check");

StringRef cancelpoints::checkFlag(Check C) { return Flags[int(C)]; }

/// Opt-in checks are off until named.
static bool isOptIn(Check C) { return C == Check::Uncancellable; }

WarningOptions::WarningOptions() {
  for (int I = 0; I < int(Check::NumChecks); ++I)
    State[I] = isOptIn(Check(I)) ? Off : On;
}

bool WarningOptions::apply(StringRef Opt) {
  Level L = On;
  if (Opt.consume_front("no-"))
    L = Off;
  else if (Opt.consume_front("error="))
    L = Error;
  else if (Opt.consume_front("no-error="))
    L = On;
  if (Opt == "cancelpoints") { // the group: the opt-in checks stay as named
    for (int I = 0; I < int(Check::NumChecks); ++I)
      if (L == Off || !isOptIn(Check(I)) || (L == Error && State[I] != Off))
        State[I] = L;
    return true;
  }
  for (int I = 0; I < int(Check::NumChecks); ++I)
    if (Opt == Flags[I]) {
      State[I] = L;
      return true;
    }
  return false;
}

std::vector<std::string> WarningOptions::passOptions() const {
  std::vector<std::string> Out;
  if (!enabled(Check::ResetSafe))
    Out.push_back("-cancelpoints-warn-reset-safe=0");
  if (enabled(Check::Uncancellable))
    Out.push_back("-cancelpoints-warn-uncancellable=1");
  return Out;
}

void cancelpoints::report(clang::DiagnosticsEngine &D, const WarningOptions &W,
                          Check C, clang::SourceLocation Loc,
                          StringRef Message) {
  if (!W.enabled(C))
    return;
  unsigned ID =
      W.isError(C)
          ? D.getCustomDiagID(clang::DiagnosticsEngine::Error, "%0")
          : D.getCustomDiagID(clang::DiagnosticsEngine::Warning, "%0");
  D.Report(Loc, ID) << (Message + " [-W" + checkFlag(C) + "]").str();
}

void cancelpoints::reportError(clang::DiagnosticsEngine &D,
                               clang::SourceLocation Loc, StringRef Message) {
  D.Report(Loc, D.getCustomDiagID(clang::DiagnosticsEngine::Error, "%0"))
      << Message;
}
