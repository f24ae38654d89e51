; The poll word's thread-local is the executable's own in a module for an
; executable (not PIC, or PIE): cpcc and pkg-config link the runtime into
; every executable, so it is declared local-exec and dso_local, and a poll is
; one compare with a %fs-relative operand.  A module for a shared library
; (PIC, not PIE) binds to the executable's runtime: initial-exec, through
; the GOT.  -cancelpoints-tls-local-exec=0 keeps initial-exec everywhere.
; RUN: split-file %s %t
; RUN: %opt -passes=cancelpoints -S %t/exe.ll | FileCheck %s --check-prefix=LE
; RUN: %opt -passes=cancelpoints -S %t/pie.ll | FileCheck %s --check-prefix=LE
; RUN: %opt -passes=cancelpoints -S %t/shared.ll | FileCheck %s --check-prefix=IE
; RUN: %opt -passes=cancelpoints -cancelpoints-tls-local-exec=0 -S %t/pie.ll | FileCheck %s --check-prefix=IE
; RUN: %opt -passes=cancelpoints -cancelpoints-latch-poll=0 %t/pie.ll | llc -O2 -relocation-model=pic -o - \
; RUN:   | FileCheck %s --check-prefix=PIE
; RUN: %opt -passes=cancelpoints -cancelpoints-latch-poll=0 %t/shared.ll | llc -O2 -relocation-model=pic -o - \
; RUN:   | FileCheck %s --check-prefix=SHARED

; LE: @__cp_tls = external dso_local thread_local(localexec) global
; IE: @__cp_tls = external thread_local(initialexec) global

; PIE-LABEL: fill:
; PIE-NOT:     GOTTPOFF
; PIE:         cmpl $0, %fs:__cp_tls@TPOFF
; PIE-NEXT:    jne

; SHARED-LABEL: fill:
; SHARED:        movq __cp_tls@GOTTPOFF(%rip), %[[R:[a-z0-9]+]]
; SHARED:        cmpl $0, %fs:(%[[R]])
; SHARED-NEXT:   jne

;--- exe.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
@g = global i32 0
define void @fill(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  store volatile i32 %i, ptr @g
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

;--- pie.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
@g = global i32 0
define void @fill(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  store volatile i32 %i, ptr @g
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}
!llvm.module.flags = !{!0, !1}
!0 = !{i32 8, !"PIC Level", i32 2}
!1 = !{i32 7, !"PIE Level", i32 2}

;--- shared.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
@g = global i32 0
define void @fill(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  store volatile i32 %i, ptr @g
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}
!llvm.module.flags = !{!0}
!0 = !{i32 8, !"PIC Level", i32 2}
