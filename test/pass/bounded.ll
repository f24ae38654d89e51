; A loop whose trip count has a small constant bound (SCEV, at most
; -cancelpoints-bounded-trip=64) gets no point: it cannot run unboundedly.
; The unbounded loop around it still gets its poll; with the option at 0 the
; inner loop gets one too.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-bounded-trip=0 -cancelpoints-bounded-work=0 -S %s | FileCheck %s --check-prefix=OFF

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; REMARK-DAG: remark: <unknown>:0:0: no point at loop header: its trip count is at most 16
; REMARK-DAG: remark: <unknown>:0:0: poll at loop header: the loop has effects (store)

define void @rows(ptr %a, i64 %n) {
; CHECK-LABEL: define void @rows(
; CHECK:       outer:
; CHECK:         %cp.poll = load volatile i32
; CHECK:       inner:
; CHECK-NOT:     __cp_
; CHECK:         br i1 %ci, label %inner, label %latch
; OFF-LABEL: define void @rows(
; OFF-COUNT-2:   load volatile i32
entry:
  br label %outer
outer:
  %i = phi i64 [ 0, %entry ], [ %i.next, %latch ]
  br label %inner
inner:
  %j = phi i64 [ 0, %outer ], [ %j.next, %inner ]
  %row = mul i64 %i, 16
  %k = add i64 %row, %j
  %p = getelementptr inbounds i32, ptr %a, i64 %k
  store i32 1, ptr %p
  %j.next = add nuw nsw i64 %j, 1
  %ci = icmp ult i64 %j.next, 16
  br i1 %ci, label %inner, label %latch
latch:
  %i.next = add i64 %i, 1
  %co = icmp slt i64 %i.next, %n
  br i1 %co, label %outer, label %exit
exit:
  ret void
}
