; The copies made for back-edge polls share a module budget: at most
; -cancelpoints-copy-budget percent of the module's instructions, and always
; -cancelpoints-copy-budget-floor instructions, granted smallest loop first.
; A loop past it polls its back edge with no copies, and its remark says so.
; Three loops: 6 instructions unrolled 5 times (24 added), 8 unrolled 4
; times (24), 11 unrolled twice (11).  With 1% of this module (nothing) the
; floor decides: 24 grants the smallest loop, 48 the two smallest, 59 all
; three.  By default (5%, floor 256) a module this small keeps every copy;
; -cancelpoints-copy-budget=0 turns the budget off.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s --check-prefixes=CHECK,ALL
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-copy-budget=0 -cancelpoints-copy-budget-floor=0 -S %s | FileCheck %s --check-prefixes=CHECK,ALL
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-copy-budget=1 -cancelpoints-copy-budget-floor=24 -S %s | FileCheck %s --check-prefixes=CHECK,ONE
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-copy-budget=1 -cancelpoints-copy-budget-floor=48 -S %s | FileCheck %s --check-prefixes=CHECK,TWO
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-copy-budget=1 -cancelpoints-copy-budget-floor=59 -S %s | FileCheck %s --check-prefixes=CHECK,ALL
; RUN: %opt -passes='cancelpoints' -cancelpoints-copy-budget=1 -cancelpoints-copy-budget-floor=24 -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; REMARK: remark: {{.*}}poll on the back edge of the loop unrolled 5 times (6 instructions; no poll in a trip of at most 5 iterations)
; REMARK: remark: {{.*}}poll on the back edge of the loop (the module's copy budget is spent; no poll in a trip of one iteration)
; REMARK: remark: {{.*}}poll on the back edge of the loop (the module's copy budget is spent; no poll in a trip of one iteration)
; REMARK-NOT: remark

define void @small(ptr %a) {
; CHECK-LABEL: define void @small(
; CHECK:       loop.u4:
; CHECK-NOT:   loop.u5:
; CHECK:       cp.latchpoll:
entry:
  br label %loop
loop:
  %p = phi ptr [ %a, %entry ], [ %p.next, %loop ]
  %v = load i8, ptr %p
  store i8 0, ptr %p
  %p.next = getelementptr i8, ptr %p, i64 1
  %z = icmp eq i8 %v, 0
  br i1 %z, label %exit, label %loop
exit:
  ret void
}

define void @medium(ptr %a) {
; CHECK-LABEL: define void @medium(
; ALL:         loop.u3:
; ALL-NOT:     loop.u4:
; TWO:         loop.u3:
; TWO-NOT:     loop.u4:
; ONE-NOT:     loop.u1:
; CHECK:       cp.latchpoll:
; CHECK-NEXT:    %cp.poll = load volatile i32
; ONE-NOT:     loop.u1:
; CHECK:       }
entry:
  br label %loop
loop:
  %p = phi ptr [ %a, %entry ], [ %p.next, %loop ]
  %v = load i8, ptr %p
  %w = add i8 %v, 1
  %x = mul i8 %w, 3
  store i8 %x, ptr %p
  %p.next = getelementptr i8, ptr %p, i64 1
  %z = icmp eq i8 %v, 0
  br i1 %z, label %exit, label %loop
exit:
  ret void
}

define void @large(ptr %a) {
; CHECK-LABEL: define void @large(
; ALL:         loop.u1:
; ALL-NOT:     loop.u2:
; TWO-NOT:     loop.u1:
; ONE-NOT:     loop.u1:
; CHECK:       cp.latchpoll:
; CHECK-NEXT:    %cp.poll = load volatile i32
; TWO-NOT:     loop.u1:
; ONE-NOT:     loop.u1:
; CHECK:       }
entry:
  br label %loop
loop:
  %p = phi ptr [ %a, %entry ], [ %p.next, %loop ]
  %v = load i8, ptr %p
  %w = add i8 %v, 1
  %x = mul i8 %w, 3
  %y = xor i8 %x, 5
  %u = shl i8 %y, 1
  %t = sub i8 %u, %v
  store i8 %t, ptr %p
  %p.next = getelementptr i8, ptr %p, i64 1
  %z = icmp eq i8 %v, 0
  br i1 %z, label %exit, label %loop
exit:
  ret void
}
