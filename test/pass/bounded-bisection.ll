; A binary search halves its interval hi - lo + 1 on every iteration after
; the first and leaves before it is empty, so it runs at most bits + 2
; iterations (Bisection.h): no point, although SCEV sees no trip count.
; Three forms: the latch tests lo' <= hi' after phis of the two ways
; (`search`), the ways test before moving and the midpoint is a header phi
; whose first value is any index (sqlite3's b-tree search, `moveto`), a
; header phi of sums halved at the top (sqlite3's index search,
; `index_moveto`; `index_moveto_own_latch` as the optimiser leaves it when
; it does not hoist the sum: a latch of its own after the block that tests
; lwr' > upr'), and a lower bound with selects and `lo < hi`
; (`lower_bound`).  The loops
; that only look like one keep their points: `hi = mid` under `lo <= hi`
; (lo == hi stays for ever), a midpoint whose add may wrap, a shift right
; of a signed sum whose lo may be negative, a way into the latch that does
; not know lo' <= hi'.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -pass-remarks-missed=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK
; RUN: %opt -passes=cancelpoints -cancelpoints-bound-ranges=0 -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=OFF

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@hits = global i32 0

; REMARK-COUNT-5: remark: <unknown>:0:0: no point at loop header: its trip count is at most 34 (a binary search: its interval halves)
; REMARK-NOT:     binary search
; OFF-NOT:        binary search

; CHECK-LABEL: define i32 @search(
; CHECK-NOT:     __cp_
; CHECK:         ret i32
define i32 @search(ptr %a, i32 %n, i64 %key) {
entry:
  %none = icmp slt i32 %n, 1
  br i1 %none, label %out, label %pre
pre:
  %last = add nsw i32 %n, -1
  br label %loop
loop:
  %hi = phi i32 [ %last, %pre ], [ %hi.next, %latch ]
  %lo = phi i32 [ 0, %pre ], [ %lo.next, %latch ]
  %sum = add nuw nsw i32 %hi, %lo
  %mid = lshr i32 %sum, 1
  %mide = zext nneg i32 %mid to i64
  %p = getelementptr inbounds i64, ptr %a, i64 %mide
  %v = load i64, ptr %p
  %less = icmp slt i64 %v, %key
  br i1 %less, label %up, label %notless
up:
  %mid.up = add nuw nsw i32 %mid, 1
  br label %latch
notless:
  %more = icmp sgt i64 %v, %key
  br i1 %more, label %down, label %found
down:
  %mid.down = add nsw i32 %mid, -1
  br label %latch
found:
  store i32 %mid, ptr @hits
  br label %out
latch:
  %lo.next = phi i32 [ %mid.up, %up ], [ %lo, %down ]
  %hi.next = phi i32 [ %hi, %up ], [ %mid.down, %down ]
  %empty = icmp sgt i32 %lo.next, %hi.next
  br i1 %empty, label %out, label %loop
out:
  %r = phi i32 [ -1, %entry ], [ %mid, %found ], [ -1, %latch ]
  ret i32 %r
}

; CHECK-LABEL: define i32 @moveto(
; CHECK-NOT:     __cp_
; CHECK:         ret i32
define i32 @moveto(ptr %keys, i32 %ncell, i64 %key, i32 %bias) {
entry:
  %upr0 = add nsw i32 %ncell, -1
  %sh = sub nsw i32 1, %bias
  %idx0 = ashr i32 %upr0, %sh
  br label %loop
loop:
  %lwr = phi i32 [ 0, %entry ], [ %lwr.next, %latch ]
  %upr = phi i32 [ %upr0, %entry ], [ %upr.next, %latch ]
  %idx = phi i32 [ %idx0, %entry ], [ %idx.next, %latch ]
  %idxe = sext i32 %idx to i64
  %p = getelementptr inbounds i64, ptr %keys, i64 %idxe
  %k = load i64, ptr %p
  %less = icmp slt i64 %k, %key
  br i1 %less, label %up, label %notless
up:
  %idx.up = add nsw i32 %idx, 1
  %more.room = icmp slt i32 %idx, %upr
  br i1 %more.room, label %latch, label %out
notless:
  %more = icmp sgt i64 %k, %key
  br i1 %more, label %down, label %found
down:
  %idx.down = add nsw i32 %idx, -1
  %less.room = icmp slt i32 %lwr, %idx
  br i1 %less.room, label %latch, label %out
found:
  store i32 %idx, ptr @hits
  br label %out
latch:
  %lwr.next = phi i32 [ %idx.up, %up ], [ %lwr, %down ]
  %upr.next = phi i32 [ %upr, %up ], [ %idx.down, %down ]
  %s = add nsw i32 %upr.next, %lwr.next
  %idx.next = ashr i32 %s, 1
  br label %loop
out:
  %r = phi i32 [ 0, %found ], [ -1, %up ], [ 1, %down ]
  ret i32 %r
}

; CHECK-LABEL: define i32 @index_moveto(
; CHECK-NOT:     __cp_
; CHECK:         ret i32
define i32 @index_moveto(ptr %keys, i32 %ncell, i64 %key) {
entry:
  %upr0 = add nsw i32 %ncell, -1
  br label %loop
loop:
  %lwr = phi i32 [ 0, %entry ], [ %lwr.next, %latch ]
  %upr = phi i32 [ %upr0, %entry ], [ %upr.next, %latch ]
  %sum = phi i32 [ %upr0, %entry ], [ %sum.next, %latch ]
  %idx = ashr i32 %sum, 1
  %idxe = sext i32 %idx to i64
  %p = getelementptr inbounds i64, ptr %keys, i64 %idxe
  %k = load i64, ptr %p
  %less = icmp slt i64 %k, %key
  br i1 %less, label %up, label %notless
up:
  %idx.up = add nsw i32 %idx, 1
  br label %latch
notless:
  %eq = icmp eq i64 %k, %key
  br i1 %eq, label %found, label %down
down:
  %idx.down = add nsw i32 %idx, -1
  br label %latch
found:
  store i32 %idx, ptr @hits
  br label %out
latch:
  %lwr.next = phi i32 [ %idx.up, %up ], [ %lwr, %down ]
  %upr.next = phi i32 [ %upr, %up ], [ %idx.down, %down ]
  %empty = icmp sgt i32 %lwr.next, %upr.next
  %sum.next = add nsw i32 %upr.next, %lwr.next
  br i1 %empty, label %out, label %loop
out:
  %r = phi i32 [ %idx, %found ], [ -1, %latch ]
  ret i32 %r
}

; CHECK-LABEL: define i32 @index_moveto_own_latch(
; CHECK-NOT:     __cp_
; CHECK:         ret i32
define i32 @index_moveto_own_latch(ptr %keys, i32 %ncell, i64 %key) {
entry:
  %upr0 = add nsw i32 %ncell, -1
  br label %loop
loop:
  %lwr = phi i32 [ 0, %entry ], [ %lwr.next, %latch ]
  %upr = phi i32 [ %upr0, %entry ], [ %upr.next, %latch ]
  %sum = phi i32 [ %upr0, %entry ], [ %sum.next, %latch ]
  %idx = ashr i32 %sum, 1
  %idxe = sext i32 %idx to i64
  %p = getelementptr inbounds i64, ptr %keys, i64 %idxe
  %k = load i64, ptr %p
  %less = icmp slt i64 %k, %key
  br i1 %less, label %up, label %notless
up:
  %idx.up = add nsw i32 %idx, 1
  br label %test
notless:
  %eq = icmp eq i64 %k, %key
  br i1 %eq, label %found, label %down
down:
  %idx.down = add nsw i32 %idx, -1
  br label %test
found:
  store i32 %idx, ptr @hits
  br label %out
test:
  %lwr.next = phi i32 [ %idx.up, %up ], [ %lwr, %down ]
  %upr.next = phi i32 [ %upr, %up ], [ %idx.down, %down ]
  %empty = icmp sgt i32 %lwr.next, %upr.next
  br i1 %empty, label %out, label %latch
latch:
  %sum.next = add nsw i32 %upr.next, %lwr.next
  br label %loop
out:
  %r = phi i32 [ %idx, %found ], [ -1, %test ]
  ret i32 %r
}

; CHECK-LABEL: define i32 @lower_bound(
; CHECK-NOT:     __cp_
; CHECK:         ret i32
define i32 @lower_bound(ptr %a, i32 %n, i32 %key) {
entry:
  %empty0 = icmp eq i32 %n, 0
  br i1 %empty0, label %out, label %loop
loop:
  %hi = phi i32 [ %hi.next, %loop ], [ %n, %entry ]
  %lo = phi i32 [ %lo.next, %loop ], [ 0, %entry ]
  %d = sub i32 %hi, %lo
  %half = lshr i32 %d, 1
  %mid = add i32 %half, %lo
  %mide = zext i32 %mid to i64
  %p = getelementptr inbounds i32, ptr %a, i64 %mide
  %v = load i32, ptr %p
  store i32 %v, ptr @hits
  %less = icmp ult i32 %v, %key
  %mid.up = add i32 %mid, 1
  %lo.next = select i1 %less, i32 %mid.up, i32 %lo
  %hi.next = select i1 %less, i32 %hi, i32 %mid
  %go = icmp ult i32 %lo.next, %hi.next
  br i1 %go, label %loop, label %out
out:
  %r = phi i32 [ 0, %entry ], [ %lo.next, %loop ]
  ret i32 %r
}

; CHECK-LABEL: define i32 @no_halving(
; CHECK:         load volatile i32
; CHECK:         ret i32
define i32 @no_halving(ptr %a, i32 %n, i32 %key) {
entry:
  %none = icmp slt i32 %n, 1
  br i1 %none, label %out, label %pre
pre:
  %last = add nsw i32 %n, -1
  br label %loop
loop:
  %hi = phi i32 [ %hi.next, %loop ], [ %last, %pre ]
  %lo = phi i32 [ %lo.next, %loop ], [ 0, %pre ]
  %sum = add nuw nsw i32 %hi, %lo
  %mid = lshr i32 %sum, 1
  %mide = zext nneg i32 %mid to i64
  %p = getelementptr inbounds i32, ptr %a, i64 %mide
  %v = load i32, ptr %p
  store i32 %v, ptr @hits
  %less = icmp slt i32 %v, %key
  %mid.up = add nuw nsw i32 %mid, 1
  %lo.next = select i1 %less, i32 %mid.up, i32 %lo
  %hi.next = select i1 %less, i32 %hi, i32 %mid
  %empty = icmp sgt i32 %lo.next, %hi.next
  br i1 %empty, label %out, label %loop
out:
  %r = phi i32 [ 0, %entry ], [ %lo.next, %loop ]
  ret i32 %r
}

; The midpoint's add may wrap.
; CHECK-LABEL: define i32 @wrapping_mid(
; CHECK:         load volatile i32
; CHECK:         ret i32
define i32 @wrapping_mid(ptr %a, i32 %lo0, i32 %hi0, i32 %key) {
entry:
  br label %loop
loop:
  %hi = phi i32 [ %hi.next, %loop ], [ %hi0, %entry ]
  %lo = phi i32 [ %lo.next, %loop ], [ %lo0, %entry ]
  %sum = add i32 %hi, %lo
  %mid = ashr i32 %sum, 1
  %mide = sext i32 %mid to i64
  %p = getelementptr inbounds i32, ptr %a, i64 %mide
  %v = load i32, ptr %p
  store i32 %v, ptr @hits
  %less = icmp slt i32 %v, %key
  %mid.up = add nsw i32 %mid, 1
  %mid.down = add nsw i32 %mid, -1
  %lo.next = select i1 %less, i32 %mid.up, i32 %lo
  %hi.next = select i1 %less, i32 %hi, i32 %mid.down
  %go = icmp sle i32 %lo.next, %hi.next
  br i1 %go, label %loop, label %out
out:
  ret i32 %lo.next
}

; A signed interval halved by a shift right: with lo possibly negative,
; (lo + hi) >> 1 (logical) is not between them.
; CHECK-LABEL: define i32 @negative_lo(
; CHECK:         load volatile i32
; CHECK:         ret i32
define i32 @negative_lo(ptr %a, i32 %lo0, i32 %hi0, i32 %key) {
entry:
  br label %loop
loop:
  %hi = phi i32 [ %hi.next, %loop ], [ %hi0, %entry ]
  %lo = phi i32 [ %lo.next, %loop ], [ %lo0, %entry ]
  %sum = add nsw i32 %hi, %lo
  %mid = lshr i32 %sum, 1
  %mide = zext i32 %mid to i64
  %p = getelementptr inbounds i32, ptr %a, i64 %mide
  %v = load i32, ptr %p
  store i32 %v, ptr @hits
  %less = icmp slt i32 %v, %key
  %mid.up = add nsw i32 %mid, 1
  %mid.down = add nsw i32 %mid, -1
  %lo.next = select i1 %less, i32 %mid.up, i32 %lo
  %hi.next = select i1 %less, i32 %hi, i32 %mid.down
  %go = icmp sle i32 %lo.next, %hi.next
  br i1 %go, label %loop, label %out
out:
  ret i32 %lo.next
}

; sqlite3's form, but the way down is taken without testing lwr < idx.
; CHECK-LABEL: define i32 @unguarded_way(
; CHECK:         load volatile i32
; CHECK:         ret i32
define i32 @unguarded_way(ptr %keys, i32 %ncell, i64 %key) {
entry:
  %upr0 = add nsw i32 %ncell, -1
  br label %loop
loop:
  %lwr = phi i32 [ 0, %entry ], [ %lwr.next, %latch ]
  %upr = phi i32 [ %upr0, %entry ], [ %upr.next, %latch ]
  %idx = phi i32 [ %upr0, %entry ], [ %idx.next, %latch ]
  %idxe = sext i32 %idx to i64
  %p = getelementptr inbounds i64, ptr %keys, i64 %idxe
  %k = load i64, ptr %p
  store i32 %idx, ptr @hits
  %less = icmp slt i64 %k, %key
  br i1 %less, label %up, label %down
up:
  %idx.up = add nsw i32 %idx, 1
  %more.room = icmp slt i32 %idx, %upr
  br i1 %more.room, label %latch, label %out
down:
  %idx.down = add nsw i32 %idx, -1
  br label %latch
latch:
  %lwr.next = phi i32 [ %idx.up, %up ], [ %lwr, %down ]
  %upr.next = phi i32 [ %upr, %up ], [ %idx.down, %down ]
  %s = add nsw i32 %upr.next, %lwr.next
  %idx.next = ashr i32 %s, 1
  br label %loop
out:
  ret i32 %idx
}
