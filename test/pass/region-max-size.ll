; An effect-free innermost loop of more than -cancelpoints-region-max-size
; IR instructions (16) is polled like a loop with effects, not armed as a
; reset region (Regions.h): an arm costs 40-50 instructions a trip, more
; than the polls of a short trip of a big loop, and a poll is a small part
; of such an iteration.  A small loop is still armed, and so is a nest of
; any size (its arm covers every trip of its inner loop), and any loop at
; -O0 (optnone: its IR counts stack slots, not the loop).  The limit off
; (0), or raised, arms all four.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-region-max-size=0 -S %s | FileCheck %s --check-prefix=OFF
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-region-max-size=32 -S %s | FileCheck %s --check-prefix=OFF

; REMARK: remark: <unknown>:0:0: reset region armed before effect-free loop (out of line in 'sum_bytes.cp.region')
; REMARK: remark: <unknown>:0:0: poll on the back edge of the loop (no poll in a trip of one iteration): effect-free loop of 20 instructions, polled, not armed (-cancelpoints-region-max-size)
; REMARK: remark: <unknown>:0:0: reset region armed before effect-free loop (out of line in 'count_matches.cp.region')
; REMARK: remark: <unknown>:0:0: reset region armed before effect-free loop (out of line in 'find_entry_O0.cp.region')

; CHECK-LABEL: define i64 @sum_bytes(
; CHECK:         call void @__cp_region_tramp.{{.*}}(ptr @sum_bytes.cp.region,
; CHECK-LABEL: define ptr @find_entry(
; CHECK-NOT:     __cp_region_tramp
; CHECK:       cp.latchpoll:
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK-NOT:     __cp_region_tramp
; CHECK:         ret ptr
; CHECK-LABEL: define i64 @count_matches(
; CHECK-NOT:     load volatile i32
; CHECK:         call void @__cp_region_tramp.{{.*}}(ptr @count_matches.cp.region,
; CHECK-NOT:     load volatile i32
; CHECK:         ret i64
; CHECK-LABEL: define ptr @find_entry_O0(
; CHECK:         call i1 @__cp_region_tramp.{{.*}}(ptr @find_entry_O0.cp.region,

; OFF-LABEL: define i64 @sum_bytes(
; OFF:         call void @__cp_region_tramp.{{.*}}(ptr @sum_bytes.cp.region,
; OFF-LABEL: define ptr @find_entry(
; OFF:         call i1 @__cp_region_tramp.{{.*}}(ptr @find_entry.cp.region,
; OFF-LABEL: define i64 @count_matches(
; OFF:         call void @__cp_region_tramp.{{.*}}(ptr @count_matches.cp.region,
; OFF-LABEL: define ptr @find_entry_O0(
; OFF:         call i1 @__cp_region_tramp.{{.*}}(ptr @find_entry_O0.cp.region,

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

%entry = type { ptr, i64, i32, i32, i8 }

; for (i = 0; i < n; i++) s += p[i];  -- small: armed
define i64 @sum_bytes(ptr %p, i64 %n) {
entry:
  %any = icmp sgt i64 %n, 0
  br i1 %any, label %loop, label %done
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %s = phi i64 [ 0, %entry ], [ %s.next, %loop ]
  %q = getelementptr inbounds i8, ptr %p, i64 %i
  %b = load i8, ptr %q
  %w = zext i8 %b to i64
  %s.next = add i64 %s, %w
  %i.next = add nuw nsw i64 %i, 1
  %more = icmp slt i64 %i.next, %n
  br i1 %more, label %loop, label %done
done:
  %r = phi i64 [ 0, %entry ], [ %s.next, %loop ]
  ret i64 %r
}

; A hash chain walk that compares a key, its hash, length and kind:
; for (e = first; e; e = e->next) if (e->hash == h && e->len == len &&
;                                     e->kind == kind && e->key == key)
;   return e;
define ptr @find_entry(ptr %first, i64 %key, i32 %h, i32 %len, i8 %kind) {
entry:
  %none = icmp eq ptr %first, null
  br i1 %none, label %absent, label %walk
walk:
  %e = phi ptr [ %first, %entry ], [ %next, %step ]
  %hp = getelementptr inbounds %entry, ptr %e, i64 0, i32 2
  %eh = load i32, ptr %hp
  %hsame = icmp eq i32 %eh, %h
  br i1 %hsame, label %len.test, label %step
len.test:
  %lp = getelementptr inbounds %entry, ptr %e, i64 0, i32 3
  %el = load i32, ptr %lp
  %lsame = icmp eq i32 %el, %len
  br i1 %lsame, label %kind.test, label %step
kind.test:
  %tp = getelementptr inbounds %entry, ptr %e, i64 0, i32 4
  %et = load i8, ptr %tp
  %tsame = icmp eq i8 %et, %kind
  br i1 %tsame, label %key.test, label %step
key.test:
  %kp = getelementptr inbounds %entry, ptr %e, i64 0, i32 1
  %ek = load i64, ptr %kp
  %ksame = icmp eq i64 %ek, %key
  br i1 %ksame, label %found, label %step
step:
  %next = load ptr, ptr %e
  %end = icmp eq ptr %next, null
  br i1 %end, label %absent, label %walk
found:
  ret ptr %e
absent:
  ret ptr null
}

; A nest of more than 16 instructions: for each of n rows, count the leading
; bytes equal to c under a mask.  Armed once for all its inner trips.
define i64 @count_matches(ptr %rows, i64 %n, i8 %mask, i8 %c) {
entry:
  %any = icmp sgt i64 %n, 0
  br i1 %any, label %outer, label %done
outer:
  %r = phi i64 [ 0, %entry ], [ %r.next, %inner.done ]
  %t = phi i64 [ 0, %entry ], [ %t.next, %inner.done ]
  %rowp = getelementptr inbounds ptr, ptr %rows, i64 %r
  %row = load ptr, ptr %rowp
  br label %inner
inner:
  %j = phi i64 [ 0, %outer ], [ %j.next, %inner ]
  %q = getelementptr inbounds i8, ptr %row, i64 %j
  %b = load i8, ptr %q
  %bm = and i8 %b, %mask
  %same = icmp eq i8 %bm, %c
  %j.next = add i64 %j, 1
  br i1 %same, label %inner, label %inner.done
inner.done:
  %j2 = shl i64 %j, 1
  %t.next = add i64 %t, %j2
  %r.next = add nuw nsw i64 %r, 1
  %more = icmp slt i64 %r.next, %n
  br i1 %more, label %outer, label %done
done:
  %res = phi i64 [ 0, %entry ], [ %t.next, %inner.done ]
  ret i64 %res
}

; find_entry at -O0.
define ptr @find_entry_O0(ptr %first, i64 %key, i32 %h, i32 %len, i8 %kind) #0 {
entry:
  %none = icmp eq ptr %first, null
  br i1 %none, label %absent, label %walk
walk:
  %e = phi ptr [ %first, %entry ], [ %next, %step ]
  %hp = getelementptr inbounds %entry, ptr %e, i64 0, i32 2
  %eh = load i32, ptr %hp
  %hsame = icmp eq i32 %eh, %h
  br i1 %hsame, label %len.test, label %step
len.test:
  %lp = getelementptr inbounds %entry, ptr %e, i64 0, i32 3
  %el = load i32, ptr %lp
  %lsame = icmp eq i32 %el, %len
  br i1 %lsame, label %kind.test, label %step
kind.test:
  %tp = getelementptr inbounds %entry, ptr %e, i64 0, i32 4
  %et = load i8, ptr %tp
  %tsame = icmp eq i8 %et, %kind
  br i1 %tsame, label %key.test, label %step
key.test:
  %kp = getelementptr inbounds %entry, ptr %e, i64 0, i32 1
  %ek = load i64, ptr %kp
  %ksame = icmp eq i64 %ek, %key
  br i1 %ksame, label %found, label %step
step:
  %next = load ptr, ptr %e
  %end = icmp eq ptr %next, null
  br i1 %end, label %absent, label %walk
found:
  ret ptr %e
absent:
  ret ptr null
}

attributes #0 = { noinline optnone }
