; The inline poll compiles to one compare with a %fs-relative operand (the
; executable's own thread-local: tls-model.ll), and a branch to an
; out-of-line slow path; the arm is a plain call; the disarm is a load
; and a TLS store, and the compiler barrier emits nothing.  The cold block
; is a call and a jump back: its address, in the function's table, names the
; site.
; RUN: %opt -passes=cancelpoints -cancelpoints-latch-poll=0 -cancelpoints-outline=false -S %s | llc -O2 -o - | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global i32 0

; CHECK-LABEL: fill:
; CHECK-NOT:     __cp_tls
; CHECK:       {{^.LBB0_[0-9]+}}: # %loop
; CHECK-NEXT:    # =>This Inner Loop Header
; CHECK-NEXT:    cmpl $0, %fs:__cp_tls@TPOFF
; CHECK-NEXT:    jne [[SLOW:.LBB0_[0-9]+]]
; CHECK:       [[TMP:.Ltmp[0-9]+]]: # Block address taken
; CHECK-NEXT:  [[SLOW]]: # %cp.slow
; CHECK-NEXT:    # in Loop
; CHECK-NEXT:    callq __cp_poll_slow_pm_at
; CHECK-NEXT:    jmp
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
; CHECK:         callq __cp_arm
; CHECK:         cmpl $0,
; CHECK-NEXT:    jne
; CHECK:       # %loop
; CHECK-NOT:     call
; CHECK:         jl
; CHECK-NEXT:  # %bb.{{[0-9]+}}: # %cp.edge
; CHECK-NEXT:    movq {{[0-9]+}}(%rsp), %[[P:[a-z0-9]+]]
; CHECK-NEXT:    movq %[[P]], 8(%{{[a-z0-9]+}})
; CHECK-NEXT:    #MEMBARRIER
; CHECK-NOT:     mfence
; CHECK:         retq
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

; The stub saves the registers the C convention lets __cp_poll_slow_at
; clobber and preserve_most does not, so poll sites save nothing around the
; call; it passes its return address.
; CHECK-LABEL: __cp_poll_slow_pm_at:
; CHECK-DAG:     pushq %r10
; CHECK-DAG:     pushq %r9
; CHECK-DAG:     pushq %r8
; CHECK-DAG:     pushq %rdi
; CHECK-DAG:     pushq %rsi
; CHECK-DAG:     pushq %rdx
; CHECK-DAG:     pushq %rcx
; CHECK-DAG:     pushq %rax
; CHECK:         movq 72(%rsp), %rdi
; CHECK-NEXT:    callq __cp_poll_slow_at
; CHECK:         popq %r10
; CHECK-NEXT:    retq

; fill's table: its one cold block, by its label, in a section linked to
; fill's.
; CHECK:       .section __cp_sites,"ao",@progbits,fill,unique,{{[0-9]+}}
; CHECK-NEXT:    .p2align 2
; CHECK-NEXT:  .L__cp_sites.fill:
; CHECK-NEXT:    .long [[TMP]]-.L__cp_sites.fill
