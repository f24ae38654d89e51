; Under a profile, a loop whose header the profile finds cold (its count
; at or below the summary's cold threshold: here a function never run in
; training) gets the smallest point, as the loops of a cold function do:
; its poll moves to its back edge, with no copies, and it is not
; strip-mined.  The same loop run hot keeps the copies its size allows,
; and so does a function the profile has no count for.
; -cancelpoints-cold-smallest=0 turns both off.  (The IR is clang -O2
; -fprofile-instr-use's, trimmed.)
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-cold-smallest=0 -S %s | FileCheck %s --check-prefix=OFF
; RUN: %opt -passes='cancelpoints' -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; REMARK: remark: {{.*}}poll on the back edge of the loop unrolled 5 times (6 instructions; no poll in a trip of at most 5 iterations)
; REMARK: remark: {{.*}}poll on the back edge of the loop (the profile finds it cold; no poll in a trip of one iteration)
; REMARK: remark: {{.*}}poll on the back edge of the loop unrolled 5 times (6 instructions; no poll in a trip of at most 5 iterations)

define void @clear(ptr %a) !prof !30 {
; CHECK-LABEL: define void @clear(
; CHECK:       loop.u4:
; CHECK:       cp.latchpoll:
entry:
  %b = load i8, ptr %a, align 1
  %e = icmp eq i8 %b, 0
  br i1 %e, label %exit, label %loop, !prof !31
loop:
  %p = phi ptr [ %p.next, %loop ], [ %a, %entry ]
  %p.next = getelementptr inbounds i8, ptr %p, i64 1
  store i8 0, ptr %p, align 1
  %v = load i8, ptr %p.next, align 1
  %z = icmp eq i8 %v, 0
  br i1 %z, label %exit, label %loop, !prof !32
exit:
  ret void
}

define void @clear_cold(ptr %a) !prof !33 {
; CHECK-LABEL: define void @clear_cold(
; CHECK:       loop:
; CHECK-NEXT:    %p = phi
; CHECK-NOT:     volatile
; CHECK-NOT:   .u1:
; CHECK:       cp.latchpoll:
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK-NOT:   .u1:
; CHECK:       }
; OFF-LABEL:   define void @clear_cold(
; OFF:         loop.u4:
; OFF:         cp.latchpoll:
entry:
  %b = load i8, ptr %a, align 1
  %e = icmp eq i8 %b, 0
  br i1 %e, label %exit, label %loop
loop:
  %p = phi ptr [ %p.next, %loop ], [ %a, %entry ]
  %p.next = getelementptr inbounds i8, ptr %p, i64 1
  store i8 0, ptr %p, align 1
  %v = load i8, ptr %p.next, align 1
  %z = icmp eq i8 %v, 0
  br i1 %z, label %exit, label %loop
exit:
  ret void
}

define void @clear_uncounted(ptr %a) {
; CHECK-LABEL: define void @clear_uncounted(
; CHECK:       loop.u4:
; CHECK:       cp.latchpoll:
entry:
  %b = load i8, ptr %a, align 1
  %e = icmp eq i8 %b, 0
  br i1 %e, label %exit, label %loop
loop:
  %p = phi ptr [ %p.next, %loop ], [ %a, %entry ]
  %p.next = getelementptr inbounds i8, ptr %p, i64 1
  store i8 0, ptr %p, align 1
  %v = load i8, ptr %p.next, align 1
  %z = icmp eq i8 %v, 0
  br i1 %z, label %exit, label %loop
exit:
  ret void
}

!llvm.module.flags = !{!0}

!0 = !{i32 1, !"ProfileSummary", !1}
!1 = !{!2, !3, !4, !5, !6, !7, !8, !9, !10, !11}
!2 = !{!"ProfileFormat", !"InstrProf"}
!3 = !{!"TotalCount", i64 128001}
!4 = !{!"MaxCount", i64 63000}
!5 = !{!"MaxInternalCount", i64 63000}
!6 = !{!"MaxFunctionCount", i64 1000}
!7 = !{!"NumCounts", i64 8}
!8 = !{!"NumFunctions", i64 3}
!9 = !{!"IsPartialProfile", i64 0}
!10 = !{!"PartialProfileRatio", double 0.000000e+00}
!11 = !{!"DetailedSummary", !12}
!12 = !{!13, !14, !15, !16, !17, !18}
!13 = !{i32 10000, i64 63000, i32 2}
!14 = !{i32 990000, i64 1000, i32 4}
!15 = !{i32 999000, i64 1000, i32 4}
!16 = !{i32 999900, i64 1000, i32 4}
!17 = !{i32 999990, i64 1000, i32 4}
!18 = !{i32 999999, i64 1000, i32 4}
!30 = !{!"function_entry_count", i64 1000}
!31 = !{!"branch_weights", i32 1, i32 1000}
!32 = !{!"branch_weights", i32 1000, i32 62001}
!33 = !{!"function_entry_count", i64 0}
