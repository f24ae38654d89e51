//===- SiteTable.cpp - each poll's site, found from its cold block --------===//
#include "SiteTable.h"
#include "Compat.h"

#include "cancelpoints_abi.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

static cl::opt<bool> SiteTableOpt(
    "cancelpoints-site-table",
    cl::desc("A poll's cold block passes no site: the runtime finds it from "
             "the slow path's return address in a table of the object "
             "(section " CP_SITE_SECTION "; ELF, not LTO bitcode)"),
    cl::init(true));

static constexpr const char *SiteMD = "cancelpoints.site";

bool cancelpoints::siteTablesUsable(const Module &M) {
  // clang marks the bitcode of -flto and -flto=thin with these flags before
  // its optimiser runs.
  return SiteTableOpt && compat::targetTriple(M).isOSBinFormatELF() &&
         !M.getModuleFlag("EnableSplitLTOUnit") && !M.getModuleFlag("ThinLTO");
}

void cancelpoints::attachSite(CallInst *Call, GlobalVariable *Site) {
  LLVMContext &Ctx = Call->getContext();
  Call->setMetadata(SiteMD, MDNode::get(Ctx, {ValueAsMetadata::get(Site)}));
}

/// The offset from word Field of the table to Target, as an i32.
static Constant *offsetFrom(Constant *Target, Constant *Field) {
  Type *I64 = Type::getInt64Ty(Target->getContext());
  Constant *Diff = ConstantExpr::getSub(ConstantExpr::getPtrToInt(Target, I64),
                                        ConstantExpr::getPtrToInt(Field, I64));
  return ConstantExpr::getTrunc(Diff, Type::getInt32Ty(Target->getContext()));
}

/// F's table: one entry per cold block (block, site).
static void emitTable(Function &F,
                      ArrayRef<std::pair<BasicBlock *, Constant *>> Entries) {
  Module &M = *F.getParent();
  LLVMContext &Ctx = M.getContext();
  Type *I32 = Type::getInt32Ty(Ctx);
  StructType *EntryTy = StructType::get(Ctx, {I32, I32});
  ArrayType *Ty = ArrayType::get(EntryTy, Entries.size());
  auto *GV = new GlobalVariable(M, Ty, /*isConstant=*/true,
                                GlobalValue::PrivateLinkage, nullptr,
                                "__cp_sites." + F.getName());
  std::vector<Constant *> Elems;
  for (size_t I = 0; I < Entries.size(); ++I) {
    Constant *Idx[3] = {ConstantInt::get(I32, 0), ConstantInt::get(I32, I),
                        nullptr};
    Idx[2] = ConstantInt::get(I32, 0);
    Constant *BlockField = ConstantExpr::getInBoundsGetElementPtr(Ty, GV, Idx);
    Idx[2] = ConstantInt::get(I32, 1);
    Constant *SiteField = ConstantExpr::getInBoundsGetElementPtr(Ty, GV, Idx);
    Elems.push_back(ConstantStruct::get(
        EntryTy,
        {offsetFrom(BlockAddress::get(&F, Entries[I].first), BlockField),
         offsetFrom(Entries[I].second, SiteField)}));
  }
  GV->setInitializer(ConstantArray::get(Ty, Elems));
  GV->setSection(CP_SITE_SECTION);
  GV->setAlignment(Align(4));
  GV->setMetadata(LLVMContext::MD_associated,
                  MDNode::get(Ctx, {ValueAsMetadata::get(&F)}));
  if (Comdat *C = F.getComdat())
    GV->setComdat(C);
  appendToCompilerUsed(M, {GV});
}

/// The cold blocks of F that call Stub with a site, in F's order.
static std::vector<std::pair<BasicBlock *, Constant *>>
markedBlocks(Function &F, const Function *Stub) {
  std::vector<std::pair<BasicBlock *, Constant *>> Entries;
  for (BasicBlock &BB : F)
    for (Instruction &I : BB) {
      auto *Call = dyn_cast<CallInst>(&I);
      MDNode *MD = Call && Call->getCalledFunction() == Stub
                       ? Call->getMetadata(SiteMD)
                       : nullptr;
      if (!MD)
        continue;
      Value *Site = cast<ValueAsMetadata>(MD->getOperand(0))->getValue();
      Entries.push_back({&BB, cast<Constant>(Site)});
      Call->setMetadata(SiteMD, nullptr);
    }
  return Entries;
}

void cancelpoints::emitSiteTables(Module &M) {
  Function *Stub = M.getFunction(CP_SYM_POLL_SLOW_AT_STUB);
  if (!Stub)
    return;
  SmallPtrSet<Function *, 32> Callers;
  for (User *U : Stub->users())
    if (auto *Call = dyn_cast<CallInst>(U))
      Callers.insert(Call->getFunction());
  for (Function &F : M)
    if (Callers.count(&F))
      if (auto Entries = markedBlocks(F, Stub); !Entries.empty())
        emitTable(F, Entries);
}
