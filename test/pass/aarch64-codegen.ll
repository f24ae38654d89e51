; On aarch64 the inline poll compiles to a load from the thread pointer
; (local-exec TLS: tls-model.ll) and a cbnz to an out-of-line slow path that calls the
; preserve_most stub; the arm is a plain call with the record on the stack;
; the disarm is a load of prev (byte 168) and a store to armed, and the
; compiler barrier emits nothing.  The stub saves x9-x15 and the link
; register, which the C convention lets __cp_poll_slow_at clobber and
; preserve_most does not, and passes its return address; fill's table holds
; the cold block's address.
; REQUIRES: aarch64-backend
; RUN: %opt -passes=cancelpoints -cancelpoints-latch-poll=0 -cancelpoints-outline=false -S %s | llc -O2 -o - | FileCheck %s

target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128"
target triple = "aarch64-unknown-linux-gnu"

@g = global i32 0

; CHECK-LABEL: fill:
; CHECK:         mrs [[TP:x[0-9]+]], TPIDR_EL0
; CHECK:         add [[HI:x[0-9]+]], [[TP]], :tprel_hi12:__cp_tls
; CHECK:         add [[A:x[0-9]+]], [[HI]], :tprel_lo12_nc:__cp_tls
; CHECK:       {{^.LBB0_[0-9]+}}: // %loop
; CHECK-NEXT:    // =>This Inner Loop Header
; CHECK-NEXT:    ldr [[W:w[0-9]+]], [[[A]]]
; CHECK-NEXT:    cbnz [[W]], [[SLOW:.LBB0_[0-9]+]]
; CHECK:       [[TMP:.Ltmp[0-9]+]]: // Block address taken
; CHECK-NEXT:  [[SLOW]]: // %cp.slow
; CHECK:         bl __cp_poll_slow_pm_at
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

; CHECK-LABEL: sum:
; CHECK:         bl __cp_arm
; CHECK:         cbnz
; CHECK:       // %loop
; CHECK-NOT:     bl
; CHECK:         b.lt
; CHECK-NEXT:  // %bb.{{[0-9]+}}: // %cp.edge
; CHECK-NEXT:    ldr [[P:x[0-9]+]], [sp, #168]
; CHECK-NEXT:    str [[P]], [x{{[0-9]+}}, #8]
; CHECK-NEXT:    //MEMBARRIER
; CHECK-NOT:     dmb
; CHECK:         ret
define i64 @sum(ptr %a, i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %s = phi i64 [ 0, %entry ], [ %s.next, %loop ]
  %p = getelementptr i64, ptr %a, i64 %i
  %v = load i64, ptr %p
  %s.next = add i64 %s, %v
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret i64 %s.next
}

; CHECK-LABEL: __cp_poll_slow_pm_at:
; CHECK-DAG:     stp x15, x14, [sp
; CHECK-DAG:     stp x13, x12, [sp
; CHECK-DAG:     stp x11, x10, [sp
; CHECK-DAG:     stp x9, x30, [sp
; CHECK:         mov x0, x30
; CHECK-NEXT:    bl __cp_poll_slow_at
; CHECK:         ldp x15, x14, [sp
; CHECK-NEXT:    ret

; CHECK:       .L__cp_sites.fill:
; CHECK-NEXT:    .word [[TMP]]-.L__cp_sites.fill
