; A local array whose lifetime starts inside a loop nest is scratch memory
; of that nest, even when LICM has hoisted the address arithmetic (a GEP of
; the array) out of the nest: a GEP touches no memory.  The nest is a reset
; region, armed once before it; neither loop gets a poll.  (The shape of a
; bytecode interpreter inlined into the loop that calls it.)  An access to
; the array outside the nest still makes it live memory.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll=0 -cancelpoints-outline=false -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -cancelpoints-latch-poll=0 -cancelpoints-outline=false -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; REMARK: remark: <unknown>:0:0: reset region armed before effect-free loop
; REMARK-NEXT: remark: <unknown>:0:0: no point at loop header: every iteration passes the point of a loop nested in it
; REMARK-NEXT: remark: <unknown>:0:0: poll at loop header: the loop has effects (store)

define i64 @nest(i64 %reps, i64 %n) {
; CHECK-LABEL: define i64 @nest(
; CHECK:       entry:
; CHECK:         %slot1 = getelementptr inbounds i8, ptr %buf, i64 8
; CHECK:         call i32 @__cp_arm(
; CHECK:       outer:
; CHECK-NOT:     {{__cp_|%cp.poll}}
; CHECK:       inner:
; CHECK-NOT:     {{__cp_|%cp.poll}}
; CHECK:       done:
entry:
  %buf = alloca [4 x i64], align 16
  %slot1 = getelementptr inbounds i8, ptr %buf, i64 8
  br label %outer
outer:
  %r = phi i64 [ 0, %entry ], [ %r.next, %outer.latch ]
  %acc = phi i64 [ 0, %entry ], [ %acc.next, %outer.latch ]
  call void @llvm.lifetime.start.p0(i64 32, ptr %buf)
  store i64 %r, ptr %buf
  store i64 0, ptr %slot1
  br label %inner
inner:
  %i = phi i64 [ 0, %outer ], [ %i.next, %inner ]
  %v = load i64, ptr %slot1
  %w = add i64 %v, %i
  store i64 %w, ptr %slot1
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %inner, label %outer.latch
outer.latch:
  %x = load i64, ptr %slot1
  call void @llvm.lifetime.end.p0(i64 32, ptr %buf)
  %acc.next = xor i64 %acc, %x
  %r.next = add i64 %r, 1
  %cr = icmp slt i64 %r.next, %reps
  br i1 %cr, label %outer, label %done
done:
  ret i64 %acc.next
}

; The same nest, but the array is read after it: live memory, the inner loop
; keeps its poll (the outer loop runs it on every iteration, so it needs none
; of its own).
define i64 @read_after(i64 %reps, i64 %n) {
; CHECK-LABEL: define i64 @read_after(
; CHECK-NOT:     {{__cp_arm|volatile}}
; CHECK:       inner:
; CHECK:         %cp.poll = load volatile i32
; CHECK-NOT:     __cp_arm
; CHECK:         ret i64
entry:
  %buf = alloca [4 x i64], align 16
  %slot1 = getelementptr inbounds i8, ptr %buf, i64 8
  br label %outer
outer:
  %r = phi i64 [ 0, %entry ], [ %r.next, %outer.latch ]
  call void @llvm.lifetime.start.p0(i64 32, ptr %buf)
  store i64 %r, ptr %buf
  store i64 0, ptr %slot1
  br label %inner
inner:
  %i = phi i64 [ 0, %outer ], [ %i.next, %inner ]
  %v = load i64, ptr %slot1
  %w = add i64 %v, %i
  store i64 %w, ptr %slot1
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %inner, label %outer.latch
outer.latch:
  %r.next = add i64 %r, 1
  %cr = icmp slt i64 %r.next, %reps
  br i1 %cr, label %outer, label %done
done:
  %x = load i64, ptr %slot1
  ret i64 %x
}

declare void @llvm.lifetime.start.p0(i64, ptr)
declare void @llvm.lifetime.end.p0(i64, ptr)
