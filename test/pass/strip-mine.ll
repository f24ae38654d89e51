; A small counted innermost loop with effects is polled once per chunk of
; -cancelpoints-strip-mine iterations (StripMine.h): an outer header holds
; the chunk end, the loop's exit test compares against the chunk end (no
; new instruction per iteration), a chunk block repeats the original test,
; and the poll runs between chunks, so a trip of at most a chunk runs none.  Loops that call a function, or whose exit test is not
; an equality of a constant-step induction variable, keep a header poll.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll=0 -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll=0 -cancelpoints-strip-mine=0 -S %s | FileCheck %s --check-prefix=OFF
; RUN: %opt -passes=cancelpoints -cancelpoints-latch-poll=0 -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; REMARK: remark: <unknown>:0:0: poll once every 256 iterations of counted loop: the loop has effects (store)
; REMARK: remark: <unknown>:0:0: poll once every 256 iterations of counted loop: the loop has effects (store)
; REMARK: remark: <unknown>:0:0: poll at loop header: the loop has effects (store)
; REMARK: remark: <unknown>:0:0: poll at loop header: the loop has effects (call to 'ext')
; REMARK: remark: <unknown>:0:0: no point at loop header: every iteration passes the point of a loop nested in it
; REMARK: remark: <unknown>:0:0: poll once every 256 iterations of counted loop: effect-free loop nested in a polled loop

define void @fill(ptr %a, i64 %n) {
; CHECK-LABEL: define void @fill(
; CHECK:         br i1 %z, label %exit, label %cp.strip
; CHECK:       cp.chunk.next:
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK:         call preserve_mostcc void @__cp_poll_slow_pm_at(
; CHECK:       cp.chunk.next.cont:
; CHECK-NEXT:    br label %cp.strip
; CHECK:       cp.strip:
; CHECK-NEXT:    %i.strip = phi i64 [ 0, %entry ], [ %i.next, %cp.chunk.next.cont ]
; CHECK-NEXT:    %cp.left = sub i64 %n, %i.strip
; CHECK-NEXT:    %cp.chunk1 = call i64 @llvm.umin.i64(i64 %cp.left, i64 256)
; CHECK-NEXT:    %cp.chunk.end = add i64 %i.strip, %cp.chunk1
; CHECK-NEXT:    br label %loop
; CHECK:       loop:
; CHECK-NEXT:    %i = phi i64 [ %i.strip, %cp.strip ], [ %i.next, %loop ]
; CHECK-NOT:     __cp_
; CHECK-NOT:     volatile
; CHECK:         %c = icmp eq i64 %i.next, %cp.chunk.end
; CHECK-NEXT:    br i1 %c, label %cp.chunk, label %loop
; CHECK:       cp.chunk:
; CHECK-NEXT:    %cp.done = icmp eq i64 %i.next, %n
; CHECK-NEXT:    br i1 %cp.done, label %exit, label %cp.chunk.next
; OFF-LABEL: define void @fill(
; OFF:       loop:
; OFF-NEXT:    %i = phi
; OFF-NEXT:    %cp.poll = load volatile i32
entry:
  %z = icmp eq i64 %n, 0
  br i1 %z, label %exit, label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %p = getelementptr i32, ptr %a, i64 %i
  %v = trunc i64 %i to i32
  store i32 %v, ptr %p
  %i.next = add nuw i64 %i, 1
  %c = icmp eq i64 %i.next, %n
  br i1 %c, label %exit, label %loop
exit:
  ret void
}

; Counting down by 4, `ne` continues: the chunk is iv - umin(iv - end, 1024)
; (1024 when iv is at the end on entry: see strip-mine-wrap.ll).
define void @down(ptr %a, i64 %n) {
; CHECK-LABEL: define void @down(
; CHECK:       cp.strip:
; CHECK:         %cp.left = sub i64 %i.strip, 0
; CHECK-NEXT:    %cp.chunk1 = call i64 @llvm.umin.i64(i64 %cp.left, i64 1024)
; CHECK-NEXT:    %cp.at.end = icmp eq i64 %cp.left, 0
; CHECK-NEXT:    %cp.chunk.len = select i1 %cp.at.end, i64 1024, i64 %cp.chunk1
; CHECK-NEXT:    %cp.chunk.end = sub i64 %i.strip, %cp.chunk.len
; CHECK:         %c = icmp ne i64 %cp.chunk.end, %i.next
; CHECK-NEXT:    br i1 %c, label %loop, label %cp.chunk
; CHECK:       cp.chunk:
; CHECK-NEXT:    %cp.done = icmp eq i64 %i.next, 0
entry:
  br label %loop
loop:
  %i = phi i64 [ %n, %entry ], [ %i.next, %loop ]
  %p = getelementptr i32, ptr %a, i64 %i
  store i32 1, ptr %p
  %i.next = add i64 %i, -4
  %c = icmp ne i64 0, %i.next
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; A signed bound test: a header poll.
define void @slt(ptr %a, i64 %n) {
; CHECK-LABEL: define void @slt(
; CHECK:       loop:
; CHECK-NEXT:    %i = phi
; CHECK-NEXT:    %cp.poll = load volatile i32
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %p = getelementptr i32, ptr %a, i64 %i
  store i32 2, ptr %p
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; A call in the body may run for long: a header poll.
declare void @ext(i64)
define void @calls(i64 %n) {
; CHECK-LABEL: define void @calls(
; CHECK:       loop:
; CHECK-NEXT:    %i = phi
; CHECK-NEXT:    %cp.poll = load volatile i32
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  call void @ext(i64 %i)
  %i.next = add i64 %i, 1
  %c = icmp eq i64 %i.next, %n
  br i1 %c, label %exit, label %loop
exit:
  ret void
}

; An effect-free counted loop nested in a loop with effects (polled, not
; armed per entry) is strip-mined too: spmv's row reduction.  Its chunk's
; poll runs on every row, so the row loop needs none (covered-polls.ll).
define void @rows(ptr %y, ptr %x, i64 %n, i64 %m) {
; CHECK-LABEL: define void @rows(
; CHECK:       outer:
; CHECK-NOT:     volatile
; CHECK:       cp.strip:
; CHECK:         %cp.poll = load volatile i32
; CHECK:         %cp.chunk.end = add i64 %k.strip,
; CHECK:       inner:
; CHECK-NOT:     volatile
; CHECK:         %ci = icmp eq i64 %k.next, %cp.chunk.end
entry:
  br label %outer
outer:
  %i = phi i64 [ 0, %entry ], [ %i.next, %latch ]
  br label %inner
inner:
  %k = phi i64 [ 0, %outer ], [ %k.next, %inner ]
  %s = phi double [ 0.0, %outer ], [ %s.next, %inner ]
  %p = getelementptr double, ptr %x, i64 %k
  %v = load double, ptr %p
  %s.next = fadd double %s, %v
  %k.next = add i64 %k, 1
  %ci = icmp eq i64 %k.next, %m
  br i1 %ci, label %latch, label %inner
latch:
  %q = getelementptr double, ptr %y, i64 %i
  store double %s.next, ptr %q
  %i.next = add i64 %i, 1
  %co = icmp eq i64 %i.next, %n
  br i1 %co, label %exit, label %outer
exit:
  ret void
}
