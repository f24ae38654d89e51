; The first phase (Markers.h): before the optimiser, a marker at the header
; of each cycle with an effect, at the end of each block entering an
; effect-free cycle (none inside it, none for a cycle nested in an
; effect-free one), and after the allocas of a recursive function's entry.
; Stores to a local that never escapes are not effects here.  A marked
; function loses memory/willreturn attributes, and every marker names its
; vector variants.
; RUN: %opt -passes=cancelpoints-mark -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global i64 0

; CHECK-LABEL: define void @effects(
; CHECK:       loop:
; CHECK-NEXT:    %i = phi
; CHECK-NEXT:    call void @llvm.cancelpoints.point(i32 0) #[[VF:[0-9]+]]
; CHECK-NEXT:    store i64 %i, ptr @g
define void @effects(i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  store i64 %i, ptr @g
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; A sum kept in a local: the loop is effect-free; one marker before it.
; CHECK-LABEL: define i64 @pure_nest(
; CHECK:       entry:
; CHECK:         call void @llvm.cancelpoints.point(i32 0)
; CHECK-NEXT:    br label %outer
; CHECK-NOT:     {{__cp_point|llvm.cancelpoints.point}}
; CHECK:         ret i64
define i64 @pure_nest(ptr %v, i64 %n) {
entry:
  %sum = alloca i64
  store i64 0, ptr %sum
  br label %outer
outer:
  %j = phi i64 [ 0, %entry ], [ %j.next, %outer.latch ]
  br label %inner
inner:
  %i = phi i64 [ 0, %outer ], [ %i.next, %inner ]
  %p = getelementptr i64, ptr %v, i64 %i
  %x = load i64, ptr %p
  %s = load i64, ptr %sum
  %s2 = add i64 %s, %x
  store i64 %s2, ptr %sum
  %i.next = add i64 %i, 1
  %ci = icmp slt i64 %i.next, %n
  br i1 %ci, label %inner, label %outer.latch
outer.latch:
  %j.next = add i64 %j, 1
  %cj = icmp slt i64 %j.next, %n
  br i1 %cj, label %outer, label %exit
exit:
  %r = load i64, ptr %sum
  ret i64 %r
}

; An effect-free loop nested in one with effects: the outer header and the
; inner loop's entering block get markers, the inner loop none.
; CHECK-LABEL: define void @mixed(
; CHECK:       outer:
; CHECK-NEXT:    %j = phi
; CHECK-NEXT:    call void @llvm.cancelpoints.point(i32 0)
; CHECK-NEXT:    store i64 %j, ptr @g
; CHECK-NEXT:    call void @llvm.cancelpoints.point(i32 0)
; CHECK-NEXT:    br label %inner
; CHECK:       inner:
; CHECK-NOT:     {{__cp_point|llvm.cancelpoints.point}}
; CHECK:       exit:
define void @mixed(ptr %v, i64 %n) {
entry:
  br label %outer
outer:
  %j = phi i64 [ 0, %entry ], [ %j.next, %outer.latch ]
  store i64 %j, ptr @g
  br label %inner
inner:
  %i = phi i64 [ 0, %outer ], [ %i.next, %inner ]
  %p = getelementptr i64, ptr %v, i64 %i
  %x = load i64, ptr %p
  %i.next = add i64 %i, 1
  %ci = icmp slt i64 %x, %n
  br i1 %ci, label %inner, label %outer.latch
outer.latch:
  %j.next = add i64 %j, 1
  %cj = icmp slt i64 %j.next, %n
  br i1 %cj, label %outer, label %exit
exit:
  ret void
}

; Recursive: a marker at the entry, after the allocas; clang's memory
; attribute goes (the body now reads memory and may not return).
; CHECK-LABEL: define i64 @fib(
; CHECK-SAME:  #[[FIB:[0-9]+]] {
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %slot = alloca i64
; CHECK-NEXT:    call void @llvm.cancelpoints.point(i32 0)
define i64 @fib(i64 %n) memory(none) {
entry:
  %slot = alloca i64
  %c = icmp slt i64 %n, 2
  br i1 %c, label %done, label %rec
rec:
  %a = sub i64 %n, 1
  %fa = call i64 @fib(i64 %a)
  %b = sub i64 %n, 2
  %fb = call i64 @fib(i64 %b)
  %s = add i64 %fa, %fb
  ret i64 %s
done:
  ret i64 %n
}

; A location loaded and stored in the loop through two computations of one
; address (`s->n = s->n + v[i]`): the vectoriser, which ignores what a call
; with vector variants reads, would keep it in a register until the loop
; ends, so this marker has no variants.
; CHECK-LABEL: define void @recurrence(
; CHECK:       loop:
; CHECK-NEXT:    %i = phi
; CHECK-NEXT:    call void @llvm.cancelpoints.point(i32 0) #[[NOVF:[0-9]+]]
define void @recurrence(ptr %s, ptr %v, i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %a = getelementptr i8, ptr %s, i64 8
  %x = load i64, ptr %a
  %pv = getelementptr i64, ptr %v, i64 %i
  %y = load i64, ptr %pv
  %sum = add i64 %x, %y
  %b = getelementptr i8, ptr %s, i64 8
  store i64 %sum, ptr %b
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; No loop, no recursion: marked, nothing placed.
; CHECK-LABEL: define i64 @leaf(
; CHECK-SAME:  #[[LEAF:[0-9]+]] {
; CHECK-NOT:     {{__cp_point|llvm.cancelpoints.point}}
; CHECK:         ret i64
define i64 @leaf(i64 %x) memory(none) {
  ret i64 %x
}

; CHECK: declare void @llvm.cancelpoints.point(i32) #[[DECL:[0-9]+]]
; CHECK: declare void @__cp_point_v4(<4 x i32>)
; CHECK: declare void @__cp_point_m4(<4 x i32>, <4 x i1>)
; CHECK-DAG: attributes #[[FIB]] = { "cancelpoints-marked" }
; CHECK-DAG: attributes #[[LEAF]] = { memory(none) "cancelpoints-marked" }
; CHECK-DAG: attributes #[[DECL]] = { nounwind willreturn memory(read, inaccessiblemem: readwrite) "call-inline-cost"="0" }
; CHECK-DAG: attributes #[[NOVF]] = { nounwind }
; CHECK-DAG: attributes #[[VF]] = { nounwind "vector-function-abi-variant"="_ZGV_LLVM_N2v_llvm.cancelpoints.point(__cp_point_v2),{{.*}}_ZGV_LLVM_M4v_llvm.cancelpoints.point(__cp_point_m4),{{.*}}" }
