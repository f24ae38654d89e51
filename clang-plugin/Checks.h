//===- Checks.h - the -Wcancelpoints checks on the AST --------------------===//
#ifndef CANCELPOINTS_CLANG_CHECKS_H
#define CANCELPOINTS_CLANG_CHECKS_H

#include <memory>

namespace clang {
class ASTConsumer;
class CompilerInstance;
} // namespace clang

namespace cancelpoints {
class WarningOptions;
/// The consumer that runs the checks at the end of the translation unit.
std::unique_ptr<clang::ASTConsumer>
makeCheckConsumer(clang::CompilerInstance &CI, const WarningOptions &W);
} // namespace cancelpoints

#endif
