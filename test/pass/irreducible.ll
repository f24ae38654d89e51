; An irreducible cycle (two entries, %a and %b).  CycleInfo makes one entry
; the header; every CFG cycle passes through it.  Effect-free: the region is
; armed on both entering edges, disarmed on the exit.  With effects: one poll
; at the header, and no arm.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; REMARK: reset region armed before effect-free loop (on each of its 2 entries)
; REMARK: poll at loop header: the loop has effects (store)

define i32 @irr_pure(i1 %c, i32 %n) {
; CHECK-LABEL: define i32 @irr_pure(
; CHECK:       entry:
; CHECK:         br i1 %c, label %[[EA:cp.edge[0-9]*]], label %[[EB:cp.edge[0-9]*]]
; CHECK:       [[EA]]:
; CHECK:         call i32 @__cp_arm(ptr %cp.ctx)
; CHECK:         load volatile i32
; CHECK:       [[EA]].cont:
; CHECK-NEXT:    br label %a
; CHECK:       a:
; CHECK-NOT:     {{__cp_|volatile|fence|call}}
; CHECK:       [[EB]]:
; CHECK:         call i32 @__cp_arm(ptr %cp.ctx)
; CHECK:         load volatile i32
; CHECK:       [[EB]].cont:
; CHECK-NEXT:    br label %b
; CHECK:       b:
; CHECK-NOT:     {{__cp_|volatile|fence|call}}
; CHECK:         br i1 %done, label %[[X:cp.edge[0-9]*]], label %a
; CHECK:       [[X]]:
; CHECK:         store volatile ptr
; CHECK-NEXT:    fence syncscope("singlethread") seq_cst
; CHECK-NEXT:    br label %exit
; CHECK:       exit:
; CHECK-NOT:     __cp_
; CHECK:         ret i32
entry:
  br i1 %c, label %a, label %b
a:
  %x = phi i32 [ 0, %entry ], [ %y.next, %b ]
  %x.next = add i32 %x, 1
  br label %b
b:
  %y = phi i32 [ 1, %entry ], [ %x.next, %a ]
  %y.next = mul i32 %y, 3
  %done = icmp sgt i32 %y.next, %n
  br i1 %done, label %exit, label %a
exit:
  ret i32 %y.next
}

@g = global i32 0

define void @irr_effects(i1 %c, i32 %n) {
; CHECK-LABEL: define void @irr_effects(
; CHECK-NOT:     __cp_arm
; CHECK:       a:
; CHECK-NOT:     {{__cp_|volatile}}
; CHECK:       b:
; CHECK-NEXT:    %y = phi
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK:       b.cont:
; CHECK-NOT:     {{__cp_|volatile}}
; CHECK:         ret void
entry:
  br i1 %c, label %a, label %b
a:
  %x = phi i32 [ 0, %entry ], [ %y.next, %b ]
  %x.next = add i32 %x, 1
  br label %b
b:
  %y = phi i32 [ 1, %entry ], [ %x.next, %a ]
  store i32 %y, ptr @g
  %y.next = mul i32 %y, 3
  %done = icmp sgt i32 %y.next, %n
  br i1 %done, label %exit, label %a
exit:
  ret void
}
