//===- Attributes.cpp - cancelpoints' words in the source ------------------===//
//
// Four attributes, each spelled [[cancelpoints::X]] (C23, C++11) and
// __attribute__((cancelpoints_X)) (GNU), none taking arguments:
//
//   nocancel    a function: no points in it.  A loop statement (for, while,
//               do, range-for): no point of its own (its nested loops and
//               the functions it calls keep theirs).
//   reset_safe  a function: the user vouches that a call to it may be
//               rewound (no effects): it may sit inside a reset region.
//   shield      a function: requests are held while it runs (cp_hold at
//               entry, cp_resume at each return) and land at the first
//               point after it returns.
//   point       a function: its entry is a cancellation point.
//
// Anywhere else each is an error that says where it may appear.
//
// A function's word reaches the pass as an annotation, the one
// __attribute__((annotate("cp_X"))) gives (llvm.global.annotations, which
// clang emits for declarations too: a reset_safe library function need not
// be defined in the module).  A loop's reaches it as a call of the builtin
// __builtin_annotation(0, "cp_nocancel_loop") put first in the loop's body
// (llvm.annotation in the IR, which the pass finds in the loop and removes;
// without the pass the back end drops it).  Clang 19 has no hook for a
// plugin's statement attribute, so the check of a statement attribute does
// the work and then drops the attribute, having said nothing.
//
//===----------------------------------------------------------------------===//
#include "Options.h"

#include "cancelpoints_abi.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/ParsedAttrInfo.h"
#include "clang/Lex/Lexer.h"
#include "clang/Sema/Lookup.h"
#include "clang/Sema/ParsedAttr.h"
#include "clang/Sema/Sema.h"

#include <optional>

using namespace clang;
using namespace llvm;
using namespace cancelpoints;

namespace {
/// Where an attribute may appear.
enum Subjects { Functions = 1, Loops = 2 };

/// One word: its spellings, where it may appear, the annotation it becomes.
class WordAttrInfo : public ParsedAttrInfo {
  std::string Word;
  std::string Annotation;
  unsigned Allowed;
  Spelling Spells[3];

public:
  WordAttrInfo(StringRef Word, StringRef Annotation, unsigned Allowed,
               const char *GNU, const char *Scoped)
      : Word(Word), Annotation(Annotation), Allowed(Allowed),
        Spells{{AttributeCommonInfo::AS_GNU, GNU},
               {AttributeCommonInfo::AS_C23, Scoped},
               {AttributeCommonInfo::AS_CXX11, Scoped}} {
    Spellings = Spells;
    IsStmt = (Allowed & Loops) != 0;
  }

  bool diagAppertainsToDecl(Sema &S, const ParsedAttr &A,
                            const Decl *D) const override {
    if (isa<FunctionDecl>(D))
      return noArguments(S, A);
    wrongPlace(S, A.getLoc());
    return false;
  }

  bool diagAppertainsToStmt(Sema &S, const ParsedAttr &A,
                            const Stmt *St) const override {
    if (!(Allowed & Loops))
      wrongPlace(S, A.getLoc());
    else if (noArguments(S, A) &&
             !markLoop(S, const_cast<Stmt *>(St), A.getLoc()))
      wrongPlace(S, A.getLoc());
    // Applied or not, the attribute itself goes no further (see above).
    return false;
  }

  AttrHandling handleDeclAttribute(Sema &S, Decl *D,
                                   const ParsedAttr &A) const override {
    D->addAttr(AnnotateAttr::CreateImplicit(S.Context, Annotation, nullptr, 0,
                                            A.getRange()));
    return AttributeApplied;
  }

private:
  bool noArguments(Sema &S, const ParsedAttr &A) const {
    if (A.getNumArgs() == 0 && !argumentsSkipped(S, A))
      return true;
    reportError(S.getDiagnostics(), A.getLoc(),
                "'cancelpoints::" + Word + "' takes no arguments");
    return false;
  }

  void wrongPlace(Sema &S, SourceLocation Loc) const {
    reportError(S.getDiagnostics(), Loc,
                "'cancelpoints::" + Word + "' applies to functions" +
                    ((Allowed & Loops) ? " and loop statements" : "") +
                    " only");
  }

  /// Clang 19's parser skips the arguments of a [[scope::name(...)]] it
  /// does not know the arguments of, and gives the attribute none: the
  /// source says whether there were any.
  static bool argumentsSkipped(Sema &S, const ParsedAttr &A) {
    const SourceManager &SM = S.getSourceManager();
    std::optional<Token> Open =
        Lexer::findNextToken(A.getRange().getEnd(), SM, S.getLangOpts());
    if (!Open || !Open->is(tok::l_paren))
      return false;
    std::optional<Token> Next =
        Lexer::findNextToken(Open->getLocation(), SM, S.getLangOpts());
    return !Next || !Next->is(tok::r_paren);
  }

  static bool markLoop(Sema &S, Stmt *Loop, SourceLocation Loc);
};
} // namespace

/// __builtin_annotation(0, "cp_nocancel_loop"), built as the parser would.
static Expr *loopMarker(Sema &S, SourceLocation Loc) {
  ASTContext &C = S.Context;
  LookupResult R(S, &C.Idents.get("__builtin_annotation"), Loc,
                 Sema::LookupOrdinaryName);
  if (!S.LookupName(R, S.TUScope, /*AllowBuiltinCreation=*/true))
    return nullptr;
  ExprResult Fn = S.BuildDeclarationNameExpr(CXXScopeSpec(), R, false);
  if (Fn.isInvalid())
    return nullptr;
  StringRef Text = CP_ANNOTATE_NOCANCEL_LOOP;
  Expr *Args[] = {
      IntegerLiteral::Create(C, APInt(C.getIntWidth(C.IntTy), 0), C.IntTy,
                             Loc),
      clang::StringLiteral::Create(
          C, Text, StringLiteralKind::Ordinary, false,
          C.getStringLiteralArrayType(C.CharTy, Text.size()), Loc)};
  ExprResult Call = S.BuildCallExpr(nullptr, Fn.get(), Loc, Args, Loc);
  return Call.isInvalid() ? nullptr : Call.get();
}

/// Puts the marker first in the body of Loop; false if it is not a loop.
bool WordAttrInfo::markLoop(Sema &S, Stmt *Loop, SourceLocation Loc) {
  Stmt *Body;
  if (auto *F = dyn_cast<ForStmt>(Loop))
    Body = F->getBody();
  else if (auto *W = dyn_cast<WhileStmt>(Loop))
    Body = W->getBody();
  else if (auto *D = dyn_cast<DoStmt>(Loop))
    Body = D->getBody();
  else if (auto *R = dyn_cast<CXXForRangeStmt>(Loop))
    Body = R->getBody();
  else
    return false;
  Expr *Marker = loopMarker(S, Loc);
  if (!Marker || !Body)
    return true; // an error was given, or there is nothing to mark
  Stmt *Stmts[] = {Marker, Body};
  Stmt *New = CompoundStmt::Create(S.Context, Stmts, FPOptionsOverride(),
                                   Body->getBeginLoc(), Body->getEndLoc());
  if (auto *F = dyn_cast<ForStmt>(Loop))
    F->setBody(New);
  else if (auto *W = dyn_cast<WhileStmt>(Loop))
    W->setBody(New);
  else if (auto *D = dyn_cast<DoStmt>(Loop))
    D->setBody(New);
  else
    cast<CXXForRangeStmt>(Loop)->setBody(New);
  return true;
}

namespace {
#define CP_WORD(Name, Annotation, Allowed)                                     \
  struct Name##AttrInfo : WordAttrInfo {                                       \
    Name##AttrInfo()                                                           \
        : WordAttrInfo(#Name, Annotation, Allowed, "cancelpoints_" #Name,      \
                       "cancelpoints::" #Name) {}                              \
  };                                                                           \
  ParsedAttrInfoRegistry::Add<Name##AttrInfo>                                  \
      Register##Name("cancelpoints_" #Name, "[[cancelpoints::" #Name "]]");
CP_WORD(nocancel, CP_ANNOTATE_NOCANCEL, Functions | Loops)
CP_WORD(reset_safe, CP_ANNOTATE_RESET_SAFE, Functions)
CP_WORD(shield, CP_ANNOTATE_SHIELD, Functions)
CP_WORD(point, CP_ANNOTATE_POINT, Functions)
#undef CP_WORD
} // namespace
