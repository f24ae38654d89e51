; A loop nest is strip-mined like an innermost loop when every loop nested
; in it has a small constant trip bound (it gets no point): zlib's hash
; chain walk, `do { compare up to 32 bytes } while ((cur = prev[cur]) >
; limit && --chain != 0)`.  Its chunk shrinks so that K iterations, each
; counting its nested loop at the trip bound, stay within 4 x 256 x 48
; instructions.  The latch's branch may merge another exit condition with
; the exit test (`a || next == end` exits on true, `a && next != end` on
; false); the chunk block tests both again.  A counter whose only use is
; its exit test counts each chunk down to 0 (cp.count), so its test stays
; a compare with 0.  The inner loop's bound may come from value ranges
; (Bounds.h: 1 << umin(log, 5), at most 32).  A nest with an unbounded
; inner loop keeps its header poll.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; REMARK: remark: <unknown>:0:0: no point at loop header: its trip count is at most 32
; REMARK: remark: <unknown>:0:0: poll once every {{[0-9]+}} iterations of counted loop: the loop has effects (store)
; REMARK: remark: <unknown>:0:0: no point at loop header: its trip count is at most 32
; REMARK: remark: <unknown>:0:0: poll once every {{[0-9]+}} iterations of counted loop: the loop has effects (store)
; REMARK: remark: <unknown>:0:0: no point at loop header: its trip count is at most 32 (by the ranges of its bound's values)
; REMARK: remark: <unknown>:0:0: poll once every {{[0-9]+}} iterations of counted loop: the loop has effects (store)
; REMARK: remark: <unknown>:0:0: poll at loop header: the loop has effects (store)

define i32 @walk(ptr %prev, ptr %win, ptr %out, i32 %cur0, i32 %limit, i32 %chain) {
; CHECK-LABEL: define i32 @walk(
; CHECK:       cp.chunk.next:
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK:       cp.strip:
; CHECK-NEXT:    %n.strip = phi i32 [ %chain, %entry ], [ %cp.chunk.end, %cp.chunk.next.cont ]
; CHECK-NOT:     volatile
; CHECK:         %cp.chunk.end = sub i32 %n.strip, %cp.chunk.len
; CHECK-NEXT:    %cp.count = sub i32 %n.strip, %cp.chunk.end
; CHECK-NEXT:    br label %outer
; CHECK:       outer:
; CHECK-NEXT:    %n = phi i32 [ %cp.count, %cp.strip ], [ %n.next, %latch ]
; CHECK-NOT:     __cp_
; CHECK-NOT:     volatile
; CHECK:       latch:
; CHECK:         %n.next = add i32 %n, -1
; CHECK-NEXT:    %z = icmp eq i32 %n.next, 0
; CHECK-NEXT:    %stop = select i1 %far, i1 true, i1 %z
; CHECK-NEXT:    br i1 %stop, label %cp.chunk, label %outer
; CHECK:       cp.chunk:
; CHECK-NEXT:    %cp.done = icmp eq i32 %cp.chunk.end, 0
; CHECK-NEXT:    %cp.exit = select i1 %far, i1 true, i1 %cp.done
; CHECK-NEXT:    br i1 %cp.exit, label %exit, label %cp.chunk.next
entry:
  br label %outer
outer:
  %n = phi i32 [ %chain, %entry ], [ %n.next, %latch ]
  %cur = phi i32 [ %cur0, %entry ], [ %cur.next, %latch ]
  %best = phi i32 [ 0, %entry ], [ %best.next, %latch ]
  %ci = zext i32 %cur to i64
  %m = getelementptr i8, ptr %win, i64 %ci
  br label %inner
inner:
  %len = phi i64 [ 0, %outer ], [ %len.next, %inner.latch ]
  %pm = getelementptr i8, ptr %m, i64 %len
  %pw = getelementptr i8, ptr %win, i64 %len
  %a = load i8, ptr %pm
  %b = load i8, ptr %pw
  %eq = icmp eq i8 %a, %b
  br i1 %eq, label %inner.latch, label %scanned
inner.latch:
  %len.next = add nuw nsw i64 %len, 1
  %more = icmp ult i64 %len.next, 32
  br i1 %more, label %inner, label %scanned
scanned:
  %l = phi i64 [ %len, %inner ], [ 32, %inner.latch ]
  %l32 = trunc i64 %l to i32
  %better = icmp sgt i32 %l32, %best
  br i1 %better, label %record, label %latch
record:
  store i32 %cur, ptr %out
  br label %latch
latch:
  %best.next = phi i32 [ %l32, %record ], [ %best, %scanned ]
  %pi = and i32 %cur, 65535
  %pie = zext i32 %pi to i64
  %pp = getelementptr i16, ptr %prev, i64 %pie
  %p16 = load i16, ptr %pp
  %cur.next = zext i16 %p16 to i32
  %far = icmp ule i32 %cur.next, %limit
  %n.next = add i32 %n, -1
  %z = icmp eq i32 %n.next, 0
  %stop = select i1 %far, i1 true, i1 %z
  br i1 %stop, label %exit, label %outer
exit:
  ret i32 %best.next
}

; The same walk with its tests spelled `near && n.next != 0`, continuing on
; true: the chunk block exits when `near` is false or the count is done.
define i32 @walk_and(ptr %prev, ptr %win, ptr %out, i32 %cur0, i32 %limit, i32 %chain) {
; CHECK-LABEL: define i32 @walk_and(
; CHECK:       cp.chunk:
; CHECK-NEXT:    %cp.done = icmp eq i32 %cp.chunk.end, 0
; CHECK-NEXT:    %cp.other.exit = xor i1 %near, true
; CHECK-NEXT:    %cp.exit = select i1 %cp.other.exit, i1 true, i1 %cp.done
; CHECK-NEXT:    br i1 %cp.exit, label %exit, label %cp.chunk.next
entry:
  br label %outer
outer:
  %n = phi i32 [ %chain, %entry ], [ %n.next, %latch ]
  %cur = phi i32 [ %cur0, %entry ], [ %cur.next, %latch ]
  %best = phi i32 [ 0, %entry ], [ %best.next, %latch ]
  %ci = zext i32 %cur to i64
  %m = getelementptr i8, ptr %win, i64 %ci
  br label %inner
inner:
  %len = phi i64 [ 0, %outer ], [ %len.next, %inner.latch ]
  %pm = getelementptr i8, ptr %m, i64 %len
  %pw = getelementptr i8, ptr %win, i64 %len
  %a = load i8, ptr %pm
  %b = load i8, ptr %pw
  %eq = icmp eq i8 %a, %b
  br i1 %eq, label %inner.latch, label %scanned
inner.latch:
  %len.next = add nuw nsw i64 %len, 1
  %more = icmp ult i64 %len.next, 32
  br i1 %more, label %inner, label %scanned
scanned:
  %l = phi i64 [ %len, %inner ], [ 32, %inner.latch ]
  %l32 = trunc i64 %l to i32
  %better = icmp sgt i32 %l32, %best
  br i1 %better, label %record, label %latch
record:
  store i32 %cur, ptr %out
  br label %latch
latch:
  %best.next = phi i32 [ %l32, %record ], [ %best, %scanned ]
  %pi = and i32 %cur, 65535
  %pie = zext i32 %pi to i64
  %pp = getelementptr i16, ptr %prev, i64 %pie
  %p16 = load i16, ptr %pp
  %cur.next = zext i16 %p16 to i32
  %near = icmp ugt i32 %cur.next, %limit
  %n.next = add i32 %n, -1
  %nz = icmp ne i32 %n.next, 0
  %go = select i1 %near, i1 %nz, i1 false
  br i1 %go, label %outer, label %exit
exit:
  ret i32 %best.next
}

; The same walk, its inner loop bounded by 1 << umin(log, 5) (SCEV: no
; constant).
define i32 @walk_ranged(ptr %prev, ptr %win, ptr %out, i32 %cur0, i32 %limit, i32 %chain, i64 %log) {
; CHECK-LABEL: define i32 @walk_ranged(
; CHECK:       cp.chunk.next:
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK:       outer:
; CHECK-NOT:     volatile
; CHECK:       cp.chunk:
entry:
  %cap = call i64 @llvm.umin.i64(i64 %log, i64 5)
  %lim = shl nuw nsw i64 1, %cap
  br label %outer
outer:
  %n = phi i32 [ %chain, %entry ], [ %n.next, %latch ]
  %cur = phi i32 [ %cur0, %entry ], [ %cur.next, %latch ]
  %best = phi i32 [ 0, %entry ], [ %best.next, %latch ]
  %ci = zext i32 %cur to i64
  %m = getelementptr i8, ptr %win, i64 %ci
  br label %inner
inner:
  %len = phi i64 [ 0, %outer ], [ %len.next, %inner.latch ]
  %pm = getelementptr i8, ptr %m, i64 %len
  %pw = getelementptr i8, ptr %win, i64 %len
  %a = load i8, ptr %pm
  %b = load i8, ptr %pw
  %eq = icmp eq i8 %a, %b
  br i1 %eq, label %inner.latch, label %scanned
inner.latch:
  %len.next = add nuw nsw i64 %len, 1
  %more = icmp ult i64 %len.next, %lim
  br i1 %more, label %inner, label %scanned
scanned:
  %l = phi i64 [ %len, %inner ], [ %lim, %inner.latch ]
  %l32 = trunc i64 %l to i32
  %better = icmp sgt i32 %l32, %best
  br i1 %better, label %record, label %latch
record:
  store i32 %cur, ptr %out
  br label %latch
latch:
  %best.next = phi i32 [ %l32, %record ], [ %best, %scanned ]
  %pi = and i32 %cur, 65535
  %pie = zext i32 %pi to i64
  %pp = getelementptr i16, ptr %prev, i64 %pie
  %p16 = load i16, ptr %pp
  %cur.next = zext i16 %p16 to i32
  %far = icmp ule i32 %cur.next, %limit
  %n.next = add i32 %n, -1
  %z = icmp eq i32 %n.next, 0
  %stop = select i1 %far, i1 true, i1 %z
  br i1 %stop, label %exit, label %outer
exit:
  ret i32 %best.next
}

; The inner loop has no trip bound (it gets a point): the nest keeps its
; header poll.
define void @unbounded_inner(ptr %a, ptr %out, i64 %m, i32 %chain) {
; CHECK-LABEL: define void @unbounded_inner(
; CHECK-NOT:     cp.strip
; CHECK:       outer:
; CHECK-NEXT:    %n = phi
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK-NOT:     cp.strip
; CHECK:         ret void
entry:
  br label %outer
outer:
  %n = phi i32 [ %chain, %entry ], [ %n.next, %latch ]
  br label %inner
inner:
  %j = phi i64 [ 0, %outer ], [ %j.next, %inner ]
  %p = getelementptr i8, ptr %a, i64 %j
  %v = load i8, ptr %p
  %j.next = add nuw i64 %j, 1
  %c = icmp ult i64 %j.next, %m
  br i1 %c, label %inner, label %latch
latch:
  store i8 %v, ptr %out
  %n.next = add i32 %n, -1
  %z = icmp eq i32 %n.next, 0
  br i1 %z, label %exit, label %outer
exit:
  ret void
}

declare i64 @llvm.umin.i64(i64, i64)
