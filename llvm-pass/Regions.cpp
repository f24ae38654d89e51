//===- Regions.cpp - where points and reset regions go --------------------===//
#include "Regions.h"
#include "LoopSize.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Instructions.h"
#include "llvm/Support/CommandLine.h"

using namespace llvm;
using namespace cancelpoints;

static cl::opt<unsigned> RegionMaxSizeOpt(
    "cancelpoints-region-max-size",
    cl::desc("An effect-free innermost loop of more IR instructions than "
             "this is polled, not armed as a reset region (0: no limit)"),
    cl::init(16));

bool cancelpoints::isSplittable(const Edge &E) {
  if (!isa<BranchInst>(E.Term) && !isa<SwitchInst>(E.Term))
    return false; // indirectbr, callbr, invoke, EH terminators
  return !E.Succ->isEHPad();
}

void cancelpoints::collectEdges(ArrayRef<BasicBlock *> Blocks,
                                ArrayRef<BasicBlock *> EntryBlocks,
                                SmallVectorImpl<Edge> &Entries,
                                SmallVectorImpl<Edge> &Exits) {
  SmallPtrSet<BasicBlock *, 16> In(Blocks.begin(), Blocks.end());
  SmallPtrSet<BasicBlock *, 8> Seen;
  for (BasicBlock *E : EntryBlocks) {
    Seen.clear();
    for (BasicBlock *P : predecessors(E))
      if (!In.count(P) && Seen.insert(P).second)
        Entries.push_back({P->getTerminator(), E});
  }
  for (BasicBlock *B : Blocks) {
    Seen.clear();
    for (BasicBlock *S : successors(B))
      if (!In.count(S) && Seen.insert(S).second)
        Exits.push_back({B->getTerminator(), S});
  }
}

/// The edges entering and leaving C, each once.
static void collectCycleEdges(const CycleInfo::CycleT &C,
                              SmallVectorImpl<Edge> &Entries,
                              SmallVectorImpl<Edge> &Exits) {
  SmallVector<BasicBlock *, 16> Blocks(C.block_begin(), C.block_end());
  SmallVector<BasicBlock *, 2> EntryBlocks(C.entries().begin(),
                                           C.entries().end());
  collectEdges(Blocks, EntryBlocks, Entries, Exits);
}

/// The first effect in C, with C's own confined allocas counting as fresh.
static Effect firstEffect(const CycleInfo::CycleT &C, const EffectAnalysis &EA,
                          const AllocaInfo &Allocas) {
  SmallPtrSet<const BasicBlock *, 16> Blocks(C.block_begin(), C.block_end());
  auto IsFresh = [&](const AllocaInst *AI) {
    return Allocas.isFreshIn(AI, Blocks);
  };
  for (BasicBlock *B : C.blocks())
    for (Instruction &I : *B)
      if (Effect E = EA.classify(I, IsFresh))
        return E;
  return {};
}

/// Is C, a region R, an innermost loop of more than Max instructions (its
/// count in Size)?  A nest stays armed: its arm covers every inner trip.
/// Not at -O0, where every variable is a stack slot: there the count says
/// nothing of the loop, and speed is not the aim.
static bool isLarge(const CycleInfo::CycleT &C, const CycleRegion &R,
                    unsigned Max, unsigned &Size) {
  if (!C.children().empty() || C.getHeader()->getParent()->hasOptNone())
    return false;
  Size = measureBlocks(R.Blocks).Instructions;
  return Size > Max;
}

static void planCycle(const CycleInfo::CycleT &C, const EffectAnalysis &EA,
                      const AllocaInfo &Allocas, bool AllowRegions,
                      bool NestedRegions, bool Nested, NoPointFn NoPoint,
                      EdgeFn CanArm, CyclePlan &Plan) {
  std::string Why = NoPoint(C);
  if (!Why.empty()) {
    Plan.Skipped.push_back({C.getHeader(), Why});
    bool Effects = !AllowRegions || bool(firstEffect(C, EA, Allocas));
    for (const CycleInfo::CycleT *Child : C.children())
      planCycle(*Child, EA, Allocas, AllowRegions, NestedRegions,
                Nested || Effects, NoPoint, CanArm, Plan);
    return;
  }
  HeaderPoll P{C.getHeader(), HeaderPoll::NoRegions, {}};
  if (AllowRegions) {
    P.Why = firstEffect(C, EA, Allocas);
    P.Reason = HeaderPoll::Effects;
    if (!P.Why) {
      CycleRegion R{C.getHeader(), {C.getHeader()}, C.isReducible(), {}, {}};
      for (BasicBlock *B : C.blocks())
        if (B != C.getHeader())
          R.Blocks.push_back(B);
      collectCycleEdges(C, R.Entries, R.Exits);
      auto Splittable = [](const Edge &E) { return isSplittable(E); };
      if (Nested && !NestedRegions) {
        P.Reason = HeaderPoll::NestedInEffects;
      } else if (!all_of(R.Entries, Splittable) ||
                 !all_of(R.Exits, Splittable)) {
        P.Reason = HeaderPoll::Unsplittable;
      } else if (!all_of(R.Entries, CanArm)) {
        P.Reason = HeaderPoll::EntryNotLegal;
      } else if (RegionMaxSizeOpt && isLarge(C, R, RegionMaxSizeOpt, P.Size)) {
        P.Reason = HeaderPoll::Large;
      } else {
        Plan.Regions.push_back(std::move(R));
        return; // the region covers the nested cycles too
      }
    }
  }
  Plan.Polls.push_back(P);
  for (const CycleInfo::CycleT *Child : C.children())
    planCycle(*Child, EA, Allocas, AllowRegions, NestedRegions,
              /*Nested=*/true, NoPoint, CanArm, Plan);
}

CyclePlan cancelpoints::planCycles(const CycleInfo &CI,
                                   const EffectAnalysis &EA,
                                   const AllocaInfo &Allocas, bool AllowRegions,
                                   bool NestedRegions, NoPointFn NoPoint,
                                   EdgeFn CanArm) {
  CyclePlan Plan;
  for (const CycleInfo::CycleT *C : CI.toplevel_cycles())
    planCycle(*C, EA, Allocas, AllowRegions, NestedRegions, /*Nested=*/false,
              NoPoint, CanArm, Plan);
  return Plan;
}

std::optional<CallRegion>
cancelpoints::findCallRegion(BasicBlock *BB, BasicBlock::iterator From,
                             const EffectAnalysis &EA) {
  CallRegion R{nullptr, {}, {}};
  auto NoFresh = [](const AllocaInst *) { return false; };

  // Scans B from It; true when the whole rest of B is in the region.
  auto Scan = [&](BasicBlock *B, BasicBlock::iterator It) {
    for (; It != B->end(); ++It) {
      Instruction &I = *It;
      if (isa<ReturnInst>(I)) {
        R.ExitBefore.push_back(&I);
        return false;
      }
      if (isa<UnreachableInst>(I))
        return false;
      if (EA.classify(I, NoFresh)) {
        R.ExitBefore.push_back(&I);
        return false;
      }
      if (const auto *CB = dyn_cast<CallBase>(&I))
        if (!R.Covered && EA.isWorthwhileCall(*CB))
          R.Covered = CB;
    }
    return true;
  };

  SmallPtrSet<BasicBlock *, 16> InRegion{BB};
  SmallSetVector<BasicBlock *, 16> Full;
  SmallVector<BasicBlock *, 16> Work;
  if (Scan(BB, From)) {
    Full.insert(BB);
    Work.push_back(BB);
  }
  while (!Work.empty()) {
    BasicBlock *B = Work.pop_back_val();
    for (BasicBlock *S : successors(B)) {
      if (S == BB || InRegion.count(S))
        continue;
      if (!all_of(predecessors(S),
                  [&](BasicBlock *P) { return Full.count(P); }))
        continue;
      InRegion.insert(S);
      if (Scan(S, S->begin())) {
        Full.insert(S);
        Work.push_back(S);
      }
    }
  }
  if (!R.Covered)
    return std::nullopt;

  SmallPtrSet<BasicBlock *, 4> Seen;
  for (BasicBlock *B : Full) {
    Seen.clear();
    for (BasicBlock *S : successors(B))
      if ((S == BB || !InRegion.count(S)) && Seen.insert(S).second)
        R.ExitEdges.push_back({B->getTerminator(), S});
  }
  return R;
}
