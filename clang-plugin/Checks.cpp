//===- Checks.cpp - the -Wcancelpoints checks on the AST ------------------===//
//
// Three checks run on each function body once the translation unit is
// parsed (the fourth and fifth come from the pass: Options.h):
//
//  * cancelpoints-cleanup: a cp_cleanup_push must be matched by a
//    cp_cleanup_pop later in the same block, with no return between them
//    (a cleanup left pushed runs on a later cancellation, in a frame that
//    is gone).  The calls are matched as statements of one block, in order.
//  * cancelpoints-shield-blocking: a blocking call where it is no point.  In
//    a shield function requests are held, so neither the runtime's
//    cancellable calls (cp_read, cp_sleep_until, ...) nor the libc calls the
//    pass redirects to them (read, sleep, ...) are cancelled: each waits for
//    as long as it waits.  In a nocancel function the pass redirects
//    nothing, so a plain read or sleep is no point either (cp_read still
//    is one: the warning is not given for it there).
//  * cancelpoints-unused-check: cp_check() or cp_check_graceful() as a
//    statement of its own: its result, -1 when a request reached the
//    thread, is dropped (a cast to void says it is meant).
//
// A function is shield or nocancel if it carries the annotation the word or
// the CP_* macro gives (annotate("cp_shield"), annotate("cp_nocancel")).
//
//===----------------------------------------------------------------------===//
#include "Checks.h"
#include "Options.h"

#include "cancelpoints_abi.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Frontend/CompilerInstance.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;
using namespace cancelpoints;
using llvm::StringRef;

/// The libc calls the pass redirects to cancellable versions.
static bool isRedirectedBlocking(StringRef Name) {
  static const llvm::StringSet<> Names = {
#define X(name, kind, extra, shape, ret, params)                               \
  {kind == CP_REDIRECT_BLOCKING ? #name : ""},
      CP_REDIRECTS(X)
#undef X
  };
  return !Name.empty() && Names.contains(Name);
}

/// The runtime's cancellable blocking calls (cancelpoints_io.h).
static bool isRuntimeBlocking(StringRef Name) {
  static const llvm::StringSet<> Names = {
      "cp_read",     "cp_write",         "cp_recv",       "cp_send",
      "cp_accept",   "cp_connect",       "cp_poll",       "cp_select",
      "cp_nanosleep", "cp_sleep_until",  "cp_cond_wait",  "cp_cond_timedwait",
      "cp_sem_wait", "cp_waitpid"};
  return Names.contains(Name);
}

static bool hasAnnotation(const FunctionDecl *FD, StringRef Name) {
  for (const auto *A : FD->specific_attrs<AnnotateAttr>())
    if (A->getAnnotation() == Name)
      return true;
  return false;
}

/// The function a call in statement position calls, if S is one.
static const FunctionDecl *calleeOf(const Stmt *S) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  if (!E)
    return nullptr;
  E = E->IgnoreParens();
  if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
    E = EWC->getSubExpr()->IgnoreParens();
  const auto *CE = dyn_cast<CallExpr>(E);
  return CE ? CE->getDirectCallee() : nullptr;
}

static bool isCalled(const Stmt *S, StringRef Name) {
  const FunctionDecl *FD = calleeOf(S);
  return FD && FD->getIdentifier() && FD->getName() == Name;
}

namespace {
/// Runs the checks on one function body.
class BodyChecker : public RecursiveASTVisitor<BodyChecker> {
  DiagnosticsEngine &D;
  const WarningOptions &W;
  bool Shield, NoCancel;

public:
  BodyChecker(DiagnosticsEngine &D, const WarningOptions &W,
              const FunctionDecl *FD)
      : D(D), W(W), Shield(hasAnnotation(FD, CP_ANNOTATE_SHIELD)),
        NoCancel(hasAnnotation(FD, CP_ANNOTATE_NOCANCEL)) {}

  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *FD = CE->getDirectCallee();
    if (!FD || !FD->getIdentifier() || !(Shield || NoCancel))
      return true;
    StringRef Name = FD->getName();
    if (Shield && (isRuntimeBlocking(Name) || isRedirectedBlocking(Name)))
      report(D, W, Check::ShieldBlocking, CE->getExprLoc(),
             "call to '" + Name.str() +
                 "' in a shield function is no cancellation point: requests "
                 "are held until the function returns, so it waits as long "
                 "as it waits");
    else if (NoCancel && !Shield && isRedirectedBlocking(Name))
      report(D, W, Check::ShieldBlocking, CE->getExprLoc(),
             "call to '" + Name.str() +
                 "' in a nocancel function is no cancellation point: the "
                 "pass leaves it to libc (cp_" +
                 Name.str() + " would be one)");
    return true;
  }

  bool VisitCompoundStmt(CompoundStmt *CS) {
    checkCleanups(CS);
    for (Stmt *S : CS->body())
      checkDiscarded(S);
    return true;
  }
  bool VisitIfStmt(IfStmt *S) {
    checkDiscarded(S->getThen());
    checkDiscarded(S->getElse());
    return true;
  }
  bool VisitForStmt(ForStmt *S) {
    checkDiscarded(S->getBody());
    checkDiscarded(S->getInc());
    return true;
  }
  bool VisitWhileStmt(WhileStmt *S) {
    checkDiscarded(S->getBody());
    return true;
  }
  bool VisitDoStmt(DoStmt *S) {
    checkDiscarded(S->getBody());
    return true;
  }
  bool VisitSwitchCase(SwitchCase *S) {
    checkDiscarded(S->getSubStmt());
    return true;
  }
  bool VisitLabelStmt(LabelStmt *S) {
    checkDiscarded(S->getSubStmt());
    return true;
  }

private:
  void checkDiscarded(const Stmt *S) {
    if (isCalled(S, CP_SYM_CHECK) || isCalled(S, CP_SYM_CHECK_GRACEFUL))
      report(D, W, Check::UnusedCheck, cast<Expr>(S)->getExprLoc(),
             "result of '" + calleeOf(S)->getName().str() +
                 "' is ignored: it is -1 when a request reached this "
                 "thread (cast it to void if that is meant)");
  }

  /// The first return statement inside S, if any.
  static const ReturnStmt *findReturn(const Stmt *S) {
    if (!S)
      return nullptr;
    if (const auto *R = dyn_cast<ReturnStmt>(S))
      return R;
    for (const Stmt *C : S->children())
      if (const ReturnStmt *R = findReturn(C))
        return R;
    return nullptr;
  }

  void checkCleanups(const CompoundStmt *CS) {
    SmallVector<const Stmt *, 4> Open; // pushes not yet popped, innermost last
    for (const Stmt *S : CS->body()) {
      if (isCalled(S, "cp_cleanup_push")) {
        Open.push_back(S);
        continue;
      }
      if (isCalled(S, "cp_cleanup_pop")) {
        if (Open.empty())
          report(D, W, Check::Cleanup, S->getBeginLoc(),
                 "cp_cleanup_pop without a cp_cleanup_push before it in the "
                 "same block");
        else
          Open.pop_back();
        continue;
      }
      if (Open.empty())
        continue;
      if (const ReturnStmt *R = findReturn(S))
        report(D, W, Check::Cleanup, R->getBeginLoc(),
               "return between cp_cleanup_push and its cp_cleanup_pop: the "
               "cleanup stays pushed after the function returns");
    }
    for (const Stmt *S : Open)
      report(D, W, Check::Cleanup, S->getBeginLoc(),
             "cp_cleanup_push without a matching cp_cleanup_pop in the same "
             "block");
  }
};

class CheckConsumer : public ASTConsumer {
  CompilerInstance &CI;
  WarningOptions W;

public:
  CheckConsumer(CompilerInstance &CI, const WarningOptions &W) : CI(CI), W(W) {}

  bool HandleTopLevelDecl(DeclGroupRef G) override {
    for (Decl *Dc : G)
      checkDecl(Dc);
    return true;
  }

private:
  void checkDecl(Decl *Dc) {
    if (auto *FD = dyn_cast<FunctionDecl>(Dc)) {
      if (FD->doesThisDeclarationHaveABody() && FD->getBody())
        BodyChecker(CI.getDiagnostics(), W, FD).TraverseStmt(FD->getBody());
      return;
    }
    if (auto *DC = dyn_cast<DeclContext>(Dc)) // C++: namespaces, classes
      for (Decl *Inner : DC->decls())
        checkDecl(Inner);
  }
};
} // namespace

std::unique_ptr<ASTConsumer>
cancelpoints::makeCheckConsumer(CompilerInstance &CI, const WarningOptions &W) {
  return std::make_unique<CheckConsumer>(CI, W);
}
