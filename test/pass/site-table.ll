; A poll's cold block calls the stub that passes its return address, with no
; site; each function's cold blocks and their sites go into its table in
; section __cp_sites: two offsets per entry (to the block, to the site),
; !associated to the function, in its comdat if it has one, kept by
; llvm.compiler.used.  -cancelpoints-site-table=0 passes the site instead.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll=0 -S %s | FileCheck %s
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll=0 -cancelpoints-site-table=0 -S %s | FileCheck %s --check-prefix=OFF

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

$inl = comdat any

@g = global i32 0

; CHECK-DAG: @[[S1:__cp_site[.0-9]*]] = private unnamed_addr constant { ptr, ptr, i32, i32 } { ptr @{{.*}}, ptr @{{.*}}, i32 1, i32 0 }
; CHECK-DAG: @[[S2:__cp_site[.0-9]*]] = private unnamed_addr constant { ptr, ptr, i32, i32 } { ptr @{{.*}}, ptr @{{.*}}, i32 2, i32 0 }
; CHECK: @__cp_sites.two = private constant [2 x { i32, i32 }] [{ i32, i32 } { i32 trunc (i64 sub (i64 ptrtoint (ptr blockaddress(@two, %[[B1:cp.slow[0-9]*]]) to i64), i64 ptrtoint (ptr @__cp_sites.two to i64)) to i32), i32 trunc (i64 sub (i64 ptrtoint (ptr @[[S1]] to i64), i64 ptrtoint (ptr getelementptr inbounds ([2 x { i32, i32 }], ptr @__cp_sites.two, i32 0, i32 0, i32 1) to i64)) to i32) }, { i32, i32 } { i32 trunc (i64 sub (i64 ptrtoint (ptr blockaddress(@two, %[[B2:cp.slow[0-9]*]]) to i64), i64 ptrtoint (ptr getelementptr inbounds ([2 x { i32, i32 }], ptr @__cp_sites.two, i32 0, i32 1, i32 0) to i64)) to i32), i32 trunc (i64 sub (i64 ptrtoint (ptr @[[S2]] to i64), i64 ptrtoint (ptr getelementptr inbounds ([2 x { i32, i32 }], ptr @__cp_sites.two, i32 0, i32 1, i32 1) to i64)) to i32) }], section "__cp_sites", align 4, !associated ![[TWO:[0-9]+]]
; CHECK: @__cp_sites.inl = private constant [1 x { i32, i32 }] {{.*}}blockaddress(@inl, %cp.slow){{.*}}, section "__cp_sites", comdat($inl), align 4, !associated ![[INL:[0-9]+]]
; CHECK: @__cp_sites.local = private constant [1 x { i32, i32 }] {{.*}}blockaddress(@local, %cp.slow){{.*}}, section "__cp_sites", align 4, !associated ![[LOCAL:[0-9]+]]
; CHECK: @llvm.compiler.used = appending global [3 x ptr] [ptr @__cp_sites.two, ptr @__cp_sites.inl, ptr @__cp_sites.local], section "llvm.metadata"

; OFF-NOT: __cp_sites
; OFF-NOT: blockaddress
; OFF-NOT: __cp_poll_slow_pm_at

define void @two(i32 %n) !dbg !4 {
; CHECK-LABEL: define void @two(
; CHECK:       [[B1]]:
; CHECK-NEXT:    call preserve_mostcc void @__cp_poll_slow_pm_at()
; CHECK-NOT:     !cancelpoints.site
; CHECK-NEXT:    br label
; CHECK:       [[B2]]:
; CHECK-NEXT:    call preserve_mostcc void @__cp_poll_slow_pm_at()
; CHECK-NEXT:    br label
; OFF-LABEL:   define void @two(
; OFF:           %cp.site = load volatile ptr, ptr @__cp_site_ref
; OFF-NEXT:      call preserve_mostcc void @__cp_poll_slow_pm(ptr %cp.site)
entry:
  br label %first
first:
  %i = phi i32 [ 0, %entry ], [ %i.next, %first ]
  store volatile i32 %i, ptr @g, !dbg !5
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %first, label %mid
mid:
  br label %second
second:
  %j = phi i32 [ 0, %mid ], [ %j.next, %second ]
  store volatile i32 %j, ptr @g, !dbg !6
  %j.next = add i32 %j, 1
  %d = icmp slt i32 %j.next, %n
  br i1 %d, label %second, label %exit
exit:
  ret void
}

define linkonce_odr void @inl(i32 %n) comdat {
; CHECK-LABEL: define linkonce_odr void @inl(
; CHECK:       cp.slow:
; CHECK-NEXT:    call preserve_mostcc void @__cp_poll_slow_pm_at()
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  store volatile i32 %i, ptr @g
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

define internal void @local(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  store volatile i32 %i, ptr @g
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

define void @calls_local(i32 %n) {
  call void @local(i32 %n)
  ret void
}

; CHECK: ![[TWO]] = !{ptr @two}
; CHECK: ![[INL]] = !{ptr @inl}
; CHECK: ![[LOCAL]] = !{ptr @local}

!llvm.module.flags = !{!0}
!llvm.dbg.cu = !{!1}
!0 = !{i32 2, !"Debug Info Version", i32 3}
!1 = distinct !DICompileUnit(language: DW_LANG_C11, file: !2, emissionKind: LineTablesOnly)
!2 = !DIFile(filename: "two.c", directory: "/src")
!3 = !DISubroutineType(types: !{})
!4 = distinct !DISubprogram(name: "two", scope: !2, file: !2, line: 1, type: !3, unit: !1, spFlags: DISPFlagDefinition)
!5 = !DILocation(line: 1, scope: !4)
!6 = !DILocation(line: 2, scope: !4)
