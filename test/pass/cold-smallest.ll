; The loops of a function where bytes come first get the smallest point
; (FunctionPlan.cpp): no strip-mining and no copies for a back-edge poll.
; Such a function is cold (the attribute: __attribute__((cold)), or what
; LLVM infers for an error path's function), -Os or -Oz.  A loop on an
; unlikely branch of an ordinary function keeps the usual placement: the
; static estimate cannot tell it from a hot loop of a state machine
; (bench/DIAGNOSIS.md, section 9).  -cancelpoints-cold-smallest=0 treats
; every function alike.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-cold-smallest=0 -S %s | FileCheck %s --check-prefix=OFF
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; REMARK:      remark: <unknown>:0:0: poll once every 256 iterations of counted loop: the loop has effects (store)
; REMARK-NEXT: remark: <unknown>:0:0: poll once every 256 iterations of counted loop: the loop has effects (store)
; REMARK-NEXT: remark: <unknown>:0:0: poll on the back edge of the loop (no poll in a trip of one iteration): the loop has effects (store)
; REMARK-NEXT: remark: <unknown>:0:0: poll at loop header: the loop has effects (store)
; REMARK-NOT:  remark

; The same counted loop on the unlikely and the likely path: both are
; strip-mined.
define void @fill(ptr %a, i64 %n, i1 %bad) {
; CHECK-LABEL: define void @fill(
; CHECK:         @llvm.umin.i64(i64 %cp.left, i64 256)
; CHECK:       cold.loop:
; CHECK:         @llvm.umin.i64(i64 %cp.left{{[0-9]+}}, i64 256)
; CHECK:       hot.loop:
entry:
  %z = icmp eq i64 %n, 0
  br i1 %z, label %exit, label %check
check:
  br i1 %bad, label %cold.loop, label %hot.loop, !prof !0
cold.loop:
  %i = phi i64 [ 0, %check ], [ %i.next, %cold.loop ]
  %p = getelementptr i32, ptr %a, i64 %i
  store i32 0, ptr %p
  %i.next = add nuw i64 %i, 1
  %c = icmp eq i64 %i.next, %n
  br i1 %c, label %exit, label %cold.loop
hot.loop:
  %j = phi i64 [ 0, %check ], [ %j.next, %hot.loop ]
  %q = getelementptr i32, ptr %a, i64 %j
  %v = trunc i64 %j to i32
  store i32 %v, ptr %q
  %j.next = add nuw i64 %j, 1
  %d = icmp eq i64 %j.next, %n
  br i1 %d, label %exit, label %hot.loop
exit:
  ret void
}

; Every loop of a cold function, and of a -Os one, gets the smallest point.
define void @fill_cold(ptr %a, i64 %n) cold {
; CHECK-LABEL: define void @fill_cold(
; CHECK-NOT:     @llvm.umin
; CHECK:         %cp.poll = load volatile i32
; CHECK-NOT:     @llvm.umin
; CHECK:       define void @fill_os(
; OFF-LABEL:   define void @fill_cold(
; OFF:           @llvm.umin
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %p = getelementptr i32, ptr %a, i64 %i
  store i32 0, ptr %p
  %i.next = add nuw i64 %i, 1
  %c = icmp eq i64 %i.next, %n
  br i1 %c, label %exit, label %loop
exit:
  ret void
}

define void @fill_os(ptr %a, i64 %n) optsize {
; CHECK-NOT:     @llvm.umin
; CHECK:         %cp.poll = load volatile i32
; CHECK-NOT:     @llvm.umin
; CHECK:       }
; OFF-LABEL:   define void @fill_os(
; OFF:           @llvm.umin
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %p = getelementptr i32, ptr %a, i64 %i
  store i32 0, ptr %p
  %i.next = add nuw i64 %i, 1
  %c = icmp eq i64 %i.next, %n
  br i1 %c, label %exit, label %loop
exit:
  ret void
}

!0 = !{!"branch_weights", i32 1, i32 2000}
