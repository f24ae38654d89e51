; LatchPoll on a loop whose exits meet in a phi that also takes a loop
; value through an exit block reached by two switch cases: adding the
; copies' entries to that phi grows its operand list, so the uses to
; rewrite are kept as (user, operand number), not as pointers into it (a
; dangling one crashed clang on sqlite3.c and xz).  The exit block gets a
; phi with one entry per edge from every copy; the join phi, one entry per
; copy's exit.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK-LABEL: define ptr @scan(
; CHECK:       out:
; CHECK-NEXT:    %p1 = phi ptr [ %p.next.u3, %loop.u4 ], [ %p.next.u3, %loop.u4 ], {{.*}}, [ %p, %loop ], [ %p, %loop ]
; CHECK:       cp.latchpoll:
; CHECK:       join:
; CHECK-NEXT:    %v = phi ptr [ %p1, %out ], [ null, %next ], [ null, %next.u1 ], [ null, %next.u2 ], [ null, %next.u3 ], [ null, %next.u4 ]
define ptr @scan(ptr %s, ptr %slot) {
entry:
  br label %outer
outer:
  store ptr null, ptr %slot
  br label %loop
loop:
  %p = phi ptr [ %s, %outer ], [ %p.next, %next ]
  %c = load i8, ptr %p
  switch i8 %c, label %next [
    i8 0, label %out
    i8 44, label %out
  ]
out:
  br label %join
next:
  %p.next = getelementptr i8, ptr %p, i64 1
  %more = icmp ne ptr %p.next, %slot
  br i1 %more, label %loop, label %join
join:
  %v = phi ptr [ %p, %out ], [ null, %next ]
  %again = icmp eq ptr %v, null
  br i1 %again, label %outer, label %done
done:
  ret ptr %v
}
