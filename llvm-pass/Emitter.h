//===- Emitter.h - the IR the pass emits, spelled through the ABI ---------===//
//
// Everything the pass inserts goes through this class, and every name,
// offset and size comes from cancelpoints_abi.h, the one contract between
// the pass and the runtime:
//
//   TLS address   %tls = llvm.threadlocal.address(@__cp_tls)   (entry block)
//   poll          %w = load volatile i32, %tls+CP_TLS_POLL_OFF
//                 br (%w != 0), cold, cont       ; weights favour cont
//          cold:  call preserve_mostcc void @__cp_poll_slow_pm_at()
//                   !cancelpoints.site !{ptr @site}
//                 ; cold, nounwind; a per-module stub that passes its
//                 ; return address to __cp_poll_slow_at: the site is
//                 ; found in the object's table (SiteTable.h)
//                 br cont
//
// Where there is no table (not ELF, LTO bitcode, a trampoline's poll,
// whose site is its argument), the cold block passes the site:
//
//          cold:  %s = load volatile ptr, ptr @site_ref   ; = @site
//                 call preserve_mostcc void @__cp_poll_slow_pm(ptr %s)
//                 ; (x86_64, aarch64; elsewhere a direct call of
//                 ; __cp_poll_slow, given @site)
//                 br cont
//
// The stub's preserve_most keeps its argument register after the call, so
// a site's address given as a constant is loop-invariant in a register:
// the backend hoists it out of the loop and holds a register for it on
// every iteration.  Loaded by a volatile load, which nothing moves, it is
// computed in the cold block only (bench/DIAGNOSIS.md, section 25).
//   arm           call i32 @__cp_arm(ptr %ctx)   ; returns_twice, nounwind
//   disarm        %p = load volatile ptr, %ctx+CP_RESET_CTX_PREV_OFF
//                 store volatile ptr %p, %tls+CP_TLS_ARMED_OFF
//                 fence syncscope("singlethread") seq_cst
//
// The fence after the disarm is a compiler-only barrier (no instruction):
// it keeps the backend from hoisting the region's first effect above the
// disarm, where a reset would replay it.
//
// Around a libc lock and unlock call (Redirect.h), the inline lock record:
//
//   lock record   %r = call i32 @pthread_mutex_lock(ptr %m)   ; as it was
//                 %ls = load volatile ptr, %tls+CP_TLS_LOCK_SITE_OFF
//                 br ((zext %r | ptrtoint %ls) != 0), slow, fast  ; weights
//          fast:  store volatile ptr %m, %tls+CP_TLS_LOCK_OFF
//                 store volatile ptr @site, %tls+CP_TLS_LOCK_SITE_OFF
//          slow:  call void @__cp_lock_slow(ptr %m, i32 %r, ptr @site)
//   unlock drop   %l = load volatile ptr, %tls+CP_TLS_LOCK_OFF
//                 br (%m == %l), fast, slow                ; weights
//          fast:  store volatile ptr null, %tls+CP_TLS_LOCK_SITE_OFF
//          slow:  call void @__cp_unlock_slow(ptr %m)
//                 call i32 @pthread_mutex_unlock(ptr %m)   ; as it was
//
// (the slow calls cold and nounwind; a void lock call has %r = 0.)
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_EMITTER_H
#define CANCELPOINTS_EMITTER_H

#include "Target.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/IR/DebugLoc.h"
#include "llvm/IR/IRBuilder.h"
#include <map>
#include <tuple>

namespace cancelpoints {

class Emitter {
public:
  explicit Emitter(llvm::Module &M);

  /// The address of __cp_tls, computed once in F's entry block.
  llvm::Value *tlsAddress(llvm::Function &F);
  /// The address of __cp_tls for the function of InsertBefore, computed just
  /// before it (a trampoline computes it after its arm, so that it is not
  /// live across the arm); the function must not have one yet.
  llvm::Value *tlsAddressAt(llvm::Instruction *InsertBefore);
  /// A fresh reset context (the target's record: CtxWords x i64, align 16)
  /// in F's entry.
  llvm::AllocaInst *newResetContext(llvm::Function &F);
  /// A stack slot of type Ty in F's entry block.
  llvm::AllocaInst *newSlot(llvm::Function &F, llvm::Type *Ty,
                            const llvm::Twine &Name);

  /// `call @__cp_arm(Ctx)` before InsertBefore.
  llvm::CallInst *emitArm(llvm::Instruction *InsertBefore, llvm::Value *Ctx,
                          const llvm::DebugLoc &DL);
  /// The disarm of Ctx before InsertBefore.
  void emitDisarm(llvm::Instruction *InsertBefore, llvm::Value *Ctx,
                  const llvm::DebugLoc &DL);
  /// A poll before InsertBefore; splits its block there.  Returns the
  /// load of the poll word (the first instruction of the poll).
  llvm::Instruction *emitPoll(llvm::Instruction *InsertBefore,
                              llvm::Value *Site, const llvm::DebugLoc &DL);

  /// The inline lock record after LockCall, a libc lock call on Lock whose
  /// result is 0 when it took the lock (or void); Site: its cp_site.
  void emitLockRecord(llvm::CallInst *LockCall, llvm::Value *Lock,
                      llvm::Value *Site);
  /// The drop of Lock's inline record before UnlockCall.
  void emitUnlockDrop(llvm::CallInst *UnlockCall, llvm::Value *Lock);

  /// The cp_site constant for (F, Kind, line of DL); one per triple.
  llvm::GlobalVariable *site(llvm::Function &F, unsigned Kind,
                             const llvm::DebugLoc &DL);

  /// Can the pass use this module's __cp_tls (absent, or a thread-local
  /// global)?
  bool tlsUsable() const;

  /// The region trampolines of the module, by body type (Outline.cpp).
  llvm::DenseMap<llvm::FunctionType *, llvm::Function *> Trampolines;

private:
  llvm::Constant *stringConstant(llvm::StringRef S);
  llvm::FunctionCallee armCallee();
  llvm::FunctionCallee pollSlowCallee();
  llvm::FunctionCallee coldCallee(const char *Name,
                                  llvm::ArrayRef<llvm::Type *> Params);
  llvm::Value *tlsField(llvm::IRBuilder<> &B, llvm::Function &F, unsigned Off,
                        const llvm::Twine &Name);
  llvm::Function *pollStub(bool AtReturn);

  llvm::Module &M;
  llvm::LLVMContext &Ctx;
  ResetTarget Target; // the module's target: its record's layout, its stub
  llvm::Type *I32, *I64, *Ptr;
  llvm::StructType *SiteTy;
  llvm::GlobalVariable *TLS = nullptr;
  llvm::FunctionCallee Arm, PollSlow;
  llvm::Function *PollStub = nullptr, *PollStubAt = nullptr;
  bool SiteTables = false; ///< polls' sites in a table (SiteTable.h)
  /// Per site, the constant that holds its address (siteRef).
  llvm::DenseMap<llvm::GlobalVariable *, llvm::GlobalVariable *> SiteRefs;
  llvm::GlobalVariable *siteRef(llvm::GlobalVariable *Site);
  llvm::DenseMap<llvm::Function *, llvm::Value *> TLSAddr;
  std::map<std::tuple<llvm::Function *, unsigned, unsigned>,
           llvm::GlobalVariable *>
      Sites;
  llvm::StringMap<llvm::Constant *> Strings;
};

} // namespace cancelpoints

#endif
