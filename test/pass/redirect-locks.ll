; Lock and unlock calls are redirected to the runtime's __cp_i_ versions,
; which hold requests while the lock is held: a lock call gets its site (a
; cp_site of kind 4, CP_SITE_LOCK, naming the function and line) as one
; more argument, an unlock keeps libc's prototype; atexit gets the module's
; __dso_handle; sigaction, signal and the calls that run callbacks under
; libc's locks keep their prototypes.  A call with another prototype is
; left alone, with a missed remark.
; RUN: %opt -passes='cancelpoints,verify' -S %s | FileCheck %s
; RUN: %opt -passes='cancelpoints' -pass-remarks=cancelpoints -pass-remarks-missed=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK: @__cp_site{{.*}} = private unnamed_addr constant {{.*}} i32 7, i32 4 }
; CHECK: @__dso_handle = external hidden global i8
; CHECK-LABEL: define i32 @update(
; CHECK: %r = call i32 @__cp_i_pthread_mutex_lock(ptr %m, ptr @__cp_site{{.*}}), !dbg
; CHECK: call i32 @__cp_i_pthread_rwlock_wrlock(ptr %l, ptr @__cp_site
; CHECK: call void @__cp_i_flockfile(ptr %f, ptr @__cp_site
; CHECK: call void @__cp_i_funlockfile(ptr %f)
; CHECK: call i32 @__cp_i_pthread_rwlock_unlock(ptr %l)
; CHECK: call i32 @__cp_i_pthread_mutex_unlock(ptr %m)
; CHECK: call i32 @__cp_i_atexit(ptr @handler, ptr @__dso_handle)
; CHECK: call i32 @__cp_i_sigaction(i32 14, ptr null, ptr null)
; CHECK: call i32 @__cp_i_pthread_once(ptr %m, ptr @handler)
; CHECK: call i32 @pthread_spin_lock(i64 %x)
; CHECK: ret i32 %r
; REMARK: remark: {{.*}}call to 'pthread_spin_lock' not redirected: it does not have the libc prototype
; REMARK: remark: lk.c:7:3: call to 'pthread_mutex_lock' redirected to '__cp_i_pthread_mutex_lock': requests are held while the lock is
; REMARK: remark: lk.c:8:3: call to 'pthread_mutex_unlock' redirected to '__cp_i_pthread_mutex_unlock': the lock's hold ends
; REMARK: remark: {{.*}}call to 'sigaction' redirected to '__cp_i_sigaction': the handler runs with requests held
; REMARK: remark: {{.*}}call to 'pthread_once' redirected to '__cp_i_pthread_once': requests are held while libc runs the program's callbacks

declare i32 @pthread_mutex_lock(ptr)
declare i32 @pthread_mutex_unlock(ptr)
declare i32 @pthread_rwlock_wrlock(ptr)
declare i32 @pthread_rwlock_unlock(ptr)
declare void @flockfile(ptr)
declare void @funlockfile(ptr)
declare i32 @atexit(ptr)
declare i32 @sigaction(i32, ptr, ptr)
declare i32 @pthread_once(ptr, ptr)
declare i32 @pthread_spin_lock(i64)

define void @handler() {
  ret void
}

define i32 @update(ptr %m, ptr %l, ptr %f, i64 %x) !dbg !5 {
entry:
  %r = call i32 @pthread_mutex_lock(ptr %m), !dbg !8
  %w = call i32 @pthread_rwlock_wrlock(ptr %l)
  call void @flockfile(ptr %f)
  call void @funlockfile(ptr %f)
  %u = call i32 @pthread_rwlock_unlock(ptr %l)
  %v = call i32 @pthread_mutex_unlock(ptr %m), !dbg !9
  %a = call i32 @atexit(ptr @handler)
  %s = call i32 @sigaction(i32 14, ptr null, ptr null)
  %o = call i32 @pthread_once(ptr %m, ptr @handler)
  %b = call i32 @pthread_spin_lock(i64 %x)
  ret i32 %r
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3, !4}
!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "clang", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "lk.c", directory: "/src")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 7, !"Dwarf Version", i32 5}
!5 = distinct !DISubprogram(name: "update", scope: !1, file: !1, line: 5, type: !6, scopeLine: 5, spFlags: DISPFlagDefinition, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{null}
!8 = !DILocation(line: 7, column: 3, scope: !5)
!9 = !DILocation(line: 8, column: 3, scope: !5)
