; A loop with a loop inside, whose one latch only goes back to the header
; (`continue` in a `for (;;)`, a backward goto: sqlite3's OP_Column restart),
; moves its poll to that back edge: it costs what the header poll did, and a
; trip of one iteration skips it.  Its inner loop keeps its own point.  A
; loop with a loop inside whose latch also exits keeps its header poll (a
; poll there would cost a jump per iteration: bench/DIAGNOSIS.md 16).
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare i32 @step(ptr)

; REMARK: remark: <unknown>:0:0: poll on the back edge of the loop (no poll in a trip of one iteration): the loop has effects (call to 'step')
; REMARK: remark: <unknown>:0:0: poll at loop header: the loop has effects (call to 'step')

define i32 @restart(ptr %c, ptr %a, i64 %n) {
; CHECK-LABEL: define i32 @restart(
; CHECK:       outer:
; CHECK-NOT:     load volatile
; CHECK:       inner:
; CHECK:         load volatile i32
; CHECK:       again:
; CHECK:         br label %cp.latchpoll
; CHECK:       cp.latchpoll:
; CHECK-NEXT:    %cp.poll{{[0-9]*}} = load volatile i32
; CHECK:       cp.latchpoll.cont:
; CHECK-NEXT:    br label %outer
entry:
  br label %outer
outer:
  %r = call i32 @step(ptr %c)
  br label %inner
inner:
  %j = phi i64 [ 0, %outer ], [ %j.next, %inner ]
  %p = getelementptr inbounds i32, ptr %a, i64 %j
  store i32 %r, ptr %p
  %j.next = add i64 %j, 1
  %ci = icmp ult i64 %j.next, %n
  br i1 %ci, label %inner, label %check
check:
  %moved = icmp eq i32 %r, 0
  br i1 %moved, label %again, label %done
again:
  br label %outer
done:
  ret i32 %r
}

define void @rows(ptr %c, ptr %a, i64 %n) {
; CHECK-LABEL: define void @rows(
; CHECK:       outer:
; CHECK-NEXT:    %i = phi
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK:       latch:
; CHECK-NEXT:    %i.next = add i64 %i, 1
; CHECK-NEXT:    %co = icmp ult i64 %i.next, %n
; CHECK-NEXT:    br i1 %co, label %outer, label %exit
entry:
  br label %outer
outer:
  %i = phi i64 [ 0, %entry ], [ %i.next, %latch ]
  %r = call i32 @step(ptr %c)
  br label %inner
inner:
  %j = phi i64 [ 0, %outer ], [ %j.next, %inner ]
  %p = getelementptr inbounds i32, ptr %a, i64 %j
  store i32 %r, ptr %p
  %j.next = add i64 %j, 1
  %ci = icmp ult i64 %j.next, %n
  br i1 %ci, label %inner, label %latch
latch:
  %i.next = add i64 %i, 1
  %co = icmp ult i64 %i.next, %n
  br i1 %co, label %outer, label %exit
exit:
  ret void
}
