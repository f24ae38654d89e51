; A loop's trip bound may come from the branches taken to reach it (Bounds.cpp,
; RangeFinder::ofBranches): `if (n <= 40) { ...; for (i = 0; i < n; i++) }`
; with paths that merge between the test and the loop, where SCEV's own walk
; of the loop's guards stops.  The test bounds the loop only where one of its
; edges dominates the loop: on every path, after n's definition, that edge
; is taken.  A test of n on one of two paths bounds nothing; a logical and
; that holds, or a logical or that fails, bounds by each of its tests; a
; bound that is too large (n <= 40000) leaves the poll.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-check-bounds -S %s | FileCheck %s --check-prefix=TRAP

; REMARK: remark: <unknown>:0:0: no point at loop header: its trip count is at most 40 (by the ranges of its bound's values)
; REMARK: remark: <unknown>:0:0: no point at loop header: its trip count is at most 40 (by the ranges of its bound's values)
; REMARK: remark: <unknown>:0:0: no point at loop header: its trip count is at most 9 (by the ranges of its bound's values)

; CHECK-LABEL: define void @small_after_merge(
; CHECK-NOT:     load volatile i32
; CHECK:         ret void
; CHECK-LABEL: define void @small_on_one_path(
; CHECK:       loop:
; CHECK:         %cp.poll{{[0-9]*}} = load volatile i32
; CHECK-LABEL: define void @small_and_flag(
; CHECK-NOT:     load volatile i32
; CHECK:         ret void
; CHECK-LABEL: define void @small_unless_big_or_flag(
; CHECK-NOT:     load volatile i32
; CHECK:         ret void
; CHECK-LABEL: define void @too_big(
; CHECK:       loop:
; CHECK:         %cp.poll{{[0-9]*}} = load volatile i32

; TRAP-LABEL: define void @small_after_merge(
; TRAP:       loop:
; TRAP:         %cp.past.bound = icmp ugt i64 %cp.runs.next, 40
; TRAP:         call void @llvm.trap()

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; if (n <= 40) { if (flag) *log = 1; for (i = 0; i < n; i++) p[i] = 0; }
define void @small_after_merge(ptr %p, ptr %log, i64 %n, i1 %flag) {
entry:
  %small = icmp ult i64 %n, 41
  br i1 %small, label %check, label %done
check:
  br i1 %flag, label %note, label %merge
note:
  store i32 1, ptr %log
  br label %merge
merge:
  %any = icmp ne i64 %n, 0
  br i1 %any, label %loop, label %done
loop:
  %i = phi i64 [ 0, %merge ], [ %i.next, %loop ]
  %q = getelementptr inbounds i8, ptr %p, i64 %i
  store volatile i8 0, ptr %q
  %i.next = add nuw i64 %i, 1
  %more = icmp ult i64 %i.next, %n
  br i1 %more, label %loop, label %done
done:
  ret void
}

; if (flag && n > 40) return; for (...)  -- n is small on one path only
define void @small_on_one_path(ptr %p, i64 %n, i1 %flag) {
entry:
  br i1 %flag, label %checked, label %merge
checked:
  %small = icmp ult i64 %n, 41
  br i1 %small, label %merge, label %done
merge:
  %any = icmp ne i64 %n, 0
  br i1 %any, label %loop, label %done
loop:
  %i = phi i64 [ 0, %merge ], [ %i.next, %loop ]
  %q = getelementptr inbounds i8, ptr %p, i64 %i
  store volatile i8 0, ptr %q
  %i.next = add nuw i64 %i, 1
  %more = icmp ult i64 %i.next, %n
  br i1 %more, label %loop, label %done
done:
  ret void
}

; if (n <= 40 && flag) { ...merge...; for (...) }
define void @small_and_flag(ptr %p, ptr %log, i64 %n, i1 %flag, i1 %other) {
entry:
  %small = icmp ule i64 %n, 40
  %both = select i1 %small, i1 %flag, i1 false
  br i1 %both, label %check, label %done
check:
  br i1 %other, label %note, label %merge
note:
  store i32 1, ptr %log
  br label %merge
merge:
  %any = icmp ne i64 %n, 0
  br i1 %any, label %loop, label %done
loop:
  %i = phi i64 [ 0, %merge ], [ %i.next, %loop ]
  %q = getelementptr inbounds i8, ptr %p, i64 %i
  store volatile i8 0, ptr %q
  %i.next = add nuw i64 %i, 1
  %more = icmp ult i64 %i.next, %n
  br i1 %more, label %loop, label %done
done:
  ret void
}

; if (9 < n || flag) return; ...merge...; for (...)  -- a signed test, the
; constant on the left
define void @small_unless_big_or_flag(ptr %p, ptr %log, i32 %n, i1 %flag,
                                      i1 %other) {
entry:
  %big = icmp slt i32 9, %n
  %either = or i1 %big, %flag
  br i1 %either, label %done, label %check
check:
  br i1 %other, label %note, label %merge
note:
  store i32 1, ptr %log
  br label %merge
merge:
  %any = icmp sgt i32 %n, 0
  br i1 %any, label %loop, label %done
loop:
  %i = phi i32 [ 0, %merge ], [ %i.next, %loop ]
  %q = getelementptr inbounds i8, ptr %p, i32 %i
  store volatile i8 0, ptr %q
  %i.next = add nuw nsw i32 %i, 1
  %more = icmp slt i32 %i.next, %n
  br i1 %more, label %loop, label %done
done:
  ret void
}

; if (n <= 40000) { ...merge...; for (...) }: bounded, but not small
define void @too_big(ptr %p, ptr %log, i64 %n, i1 %flag) {
entry:
  %small = icmp ult i64 %n, 40001
  br i1 %small, label %check, label %done
check:
  br i1 %flag, label %note, label %merge
note:
  store i32 1, ptr %log
  br label %merge
merge:
  %any = icmp ne i64 %n, 0
  br i1 %any, label %loop, label %done
loop:
  %i = phi i64 [ 0, %merge ], [ %i.next, %loop ]
  %q = getelementptr inbounds i8, ptr %p, i64 %i
  store volatile i8 0, ptr %q
  %i.next = add nuw i64 %i, 1
  %more = icmp ult i64 %i.next, %n
  br i1 %more, label %loop, label %done
done:
  ret void
}
