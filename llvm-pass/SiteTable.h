//===- SiteTable.h - each poll's site, found from its cold block ----------===//
//
// A poll's cold block needs no instruction for its site where the pass can
// record the block in a table of its object: the cold block calls a stub
// that passes its return address (Emitter.h), and the runtime, when a
// delivery writes its report line, finds the block whose code starts
// nearest below that address in the table of the object that holds it
// (runtime/src/site_table.c).  Such a call carries its site until the
// module is done, as metadata `!cancelpoints.site !{ptr @site}`; then each
// function with such calls gets its table in section CP_SITE_SECTION:
//
//   @__cp_sites.f = private constant [N x {i32, i32}]
//       [{blockaddress(@f, %cp.slow) - &entry.block, @site - &entry.site}...]
//       section "__cp_sites", align 4, !associated !{ptr @f}  ; @f's comdat
//
// Offsets from their own words, so no dynamic relocation in a PIE or a
// shared library; !associated makes the section SHF_LINK_ORDER to @f's, so a
// linker that drops @f (--gc-sections, a discarded comdat) drops its
// entries with it.
//
// Only ELF, and not in LTO bitcode: a function whose block address a global
// holds is never inlined, and the link-time optimiser still inlines; LTO
// bitcode keeps the site loaded in the cold block.
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_SITETABLE_H
#define CANCELPOINTS_SITETABLE_H

namespace llvm {
class CallInst;
class GlobalVariable;
class Module;
} // namespace llvm

namespace cancelpoints {

/// May M's polls find their sites by a table (ELF, not LTO bitcode,
/// -cancelpoints-site-table)?
bool siteTablesUsable(const llvm::Module &M);

/// Marks Call (a poll's call of the return-address stub) with its Site.
void attachSite(llvm::CallInst *Call, llvm::GlobalVariable *Site);

/// The tables of M's functions, for every call that attachSite marked (the
/// marks are removed).
void emitSiteTables(llvm::Module &M);

} // namespace cancelpoints

#endif
