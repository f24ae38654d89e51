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
  enum { Enable, Disable, MakeError, UnmakeError } Op = Enable;
  if (Opt.consume_front("no-error="))
    Op = UnmakeError;
  else if (Opt.consume_front("no-"))
    Op = Disable;
  else if (Opt.consume_front("error="))
    Op = MakeError;
  // As clang does: -Werror=X also enables X, -Wno-error=X does not.
  auto Apply = [&](int I) {
    if (Op == Enable && State[I] == Off)
      State[I] = On;
    else if (Op == Disable)
      State[I] = Off;
    else if (Op == MakeError) {
      State[I] = Error;
      NoError[I] = false;
    } else if (Op == UnmakeError) {
      if (State[I] == Error)
        State[I] = On;
      NoError[I] = true;
    }
  };
  if (Opt == "cancelpoints") { // the group: opt-in checks are not turned on
    for (int I = 0; I < int(Check::NumChecks); ++I)
      if (!isOptIn(Check(I)) || State[I] != Off || Op == Disable)
        Apply(I);
    return true;
  }
  for (int I = 0; I < int(Check::NumChecks); ++I)
    if (Opt == Flags[I]) {
      Apply(I);
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
  // A custom diagnostic's level is its own: clang's -w and -Werror do not
  // reach it, so they are applied here.
  if (!W.enabled(C) || D.getIgnoreAllWarnings())
    return;
  unsigned ID =
      W.isError(C) || (D.getWarningsAsErrors() && !W.neverError(C))
          ? D.getCustomDiagID(clang::DiagnosticsEngine::Error, "%0")
          : D.getCustomDiagID(clang::DiagnosticsEngine::Warning, "%0");
  D.Report(Loc, ID) << (Message.str() + " [-W" + checkFlag(C).str() + "]");
}

void cancelpoints::reportError(clang::DiagnosticsEngine &D,
                               clang::SourceLocation Loc, StringRef Message) {
  D.Report(Loc, D.getCustomDiagID(clang::DiagnosticsEngine::Error, "%0"))
      << Message;
}
