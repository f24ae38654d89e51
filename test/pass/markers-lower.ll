; The second phase (Markers.h): in a function that went through the first
; (attribute "cancelpoints-marked"), a point leaves only where memory is as
; the source wrote it: where every path passed a marker and no effect since,
; or just before a marker.  A rotated loop whose header starts with an
; effect polls where its marker stood; a loop whose header is such a place
; polls there as usual; an effect-free loop is armed only on an edge that is
; such a place.  Markers and their declarations are gone afterwards.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -pass-remarks-missed=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@got = global i64 0
declare i64 @read(i32, ptr, i64)
declare void @llvm.cancelpoints.point(i32) nounwind memory(read)
declare void @__cp_point_v4(<4 x i32>) nounwind memory(read)
@llvm.compiler.used = appending global [1 x ptr] [ptr @__cp_point_v4], section "llvm.metadata"

; The read loop after rotation: `got += n` then the marker then read().  The
; header (after read) is no place to leave: the poll goes before the read.
; REMARK: remark: <unknown>:0:0: poll where the source loop's header was (1 place): the optimiser moved code with effects to the loop's header (store)
; CHECK-LABEL: define void @drain(
; CHECK:       loop:
; CHECK-NEXT:    %n = phi
; CHECK-NEXT:    %g = load i64, ptr @got
; CHECK-NEXT:    %g2 = add
; CHECK-NEXT:    store i64 %g2, ptr @got
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK:         call i64 @__cp_i_read(
; CHECK-NOT:     {{__cp_point|llvm.cancelpoints.point}}
; CHECK:         ret void
define void @drain(i32 %fd, ptr %buf) "cancelpoints-marked" {
entry:
  call void @llvm.cancelpoints.point(i32 0)
  %n0 = call i64 @read(i32 %fd, ptr %buf, i64 64)
  %c0 = icmp sgt i64 %n0, 0
  br i1 %c0, label %loop, label %exit
loop:
  %n = phi i64 [ %n0, %entry ], [ %n1, %loop ]
  %g = load i64, ptr @got
  %g2 = add i64 %g, %n
  store i64 %g2, ptr @got
  call void @llvm.cancelpoints.point(i32 0)
  %n1 = call i64 @read(i32 %fd, ptr %buf, i64 64)
  %c1 = icmp sgt i64 %n1, 0
  br i1 %c1, label %loop, label %exit
exit:
  ret void
}

; The marker ends the latch: the header is a place to leave, and the poll
; goes to the back edge as in any function (LatchPoll.h), not at the marker.
; CHECK-LABEL: define void @fill(
; CHECK:       cp.latchpoll:
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK-NOT:     {{__cp_point|llvm.cancelpoints.point}}
; CHECK:         ret void
define void @fill(ptr %a, i64 %n) "cancelpoints-marked" {
entry:
  call void @llvm.cancelpoints.point(i32 0)
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %p = getelementptr i64, ptr %a, i64 %i
  %x = load i64, ptr %p
  %y = mul i64 %x, 3
  store i64 %y, ptr %p
  %i.next = add i64 %i, 1
  call void @llvm.cancelpoints.point(i32 0)
  %c = icmp ne i64 %y, 0
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; An effect-free loop whose marker stands before it: armed on its entry.
; CHECK-LABEL: define i64 @search(
; CHECK:         call void @__cp_region_tramp
; CHECK-NOT:     {{__cp_point|llvm.cancelpoints.point}}
; CHECK:         ret i64
define i64 @search(ptr %v, i64 %key) "cancelpoints-marked" {
entry:
  call void @llvm.cancelpoints.point(i32 0)
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %p = getelementptr i64, ptr %v, i64 %i
  %x = load i64, ptr %p
  %i.next = add i64 %i, 1
  %c = icmp ne i64 %x, %key
  br i1 %c, label %loop, label %exit
exit:
  ret i64 %i
}

; The same loop entered right after a store with no marker: leaving there
; would be behind the source.  No region, and no marker of its own: the loop
; gets no point, and says so.
; REMARK: remark: <unknown>:0:0: no point in this loop: no place in it where memory is as the source wrote it
; CHECK-LABEL: define i64 @unmarked_entry(
; CHECK-NOT:     __cp_arm
; CHECK-NOT:     load volatile
; CHECK:         ret i64
define i64 @unmarked_entry(ptr %v, i64 %key) "cancelpoints-marked" {
entry:
  store i64 %key, ptr @got
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %p = getelementptr i64, ptr %v, i64 %i
  %x = load i64, ptr %p
  %i.next = add i64 %i, 1
  %c = icmp ne i64 %x, %key
  br i1 %c, label %loop, label %exit
exit:
  ret i64 %i
}

; A vector variant is a marker too.
; CHECK-LABEL: define void @vec(
; CHECK-NOT:     {{__cp_point|llvm.cancelpoints.point}}
; CHECK:         load volatile i32
; CHECK-NOT:     {{__cp_point|llvm.cancelpoints.point}}
; CHECK:         ret void
define void @vec(ptr %a, i64 %n) "cancelpoints-marked" {
entry:
  call void @__cp_point_v4(<4 x i32> zeroinitializer)
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %p = getelementptr <4 x i64>, ptr %a, i64 %i
  store <4 x i64> zeroinitializer, ptr %p
  call void @__cp_point_v4(<4 x i32> zeroinitializer)
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; CHECK-NOT: @llvm.compiler.used
; CHECK-NOT: declare {{.*}}@{{__cp_point|llvm.cancelpoints.point}}
