//===- Checks.cpp - the -Wcancelpoints checks on the AST ------------------===//
#include "Checks.h"
#include "Options.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"

using namespace clang;
using namespace cancelpoints;

namespace {
class CheckConsumer : public ASTConsumer {
  CompilerInstance &CI;
  WarningOptions W;

public:
  CheckConsumer(CompilerInstance &CI, const WarningOptions &W) : CI(CI), W(W) {}
};
} // namespace

std::unique_ptr<ASTConsumer>
cancelpoints::makeCheckConsumer(CompilerInstance &CI, const WarningOptions &W) {
  return std::make_unique<CheckConsumer>(CI, W);
}
