; -print-pipeline-passes names the plugin's passes as -passes= accepts them
; (not by their C++ class names), so a printed pipeline can be run again.
; RUN: %opt -passes='cancelpoints-mark,cancelpoints' -print-pipeline-passes -disable-output %s | FileCheck %s
; RUN: %opt -passes='cancelpoints-mark,cancelpoints,verify' -disable-output %s
; CHECK: {{^}}cancelpoints-mark,cancelpoints,verify{{$}}
; CHECK-NOT: ::

define void @f(i32 %n) {
entry:
  br label %loop

loop:
  %i = phi i32 [ 0, %entry ], [ %j, %loop ]
  %j = add i32 %i, 1
  %c = icmp slt i32 %j, %n
  br i1 %c, label %loop, label %exit

exit:
  ret void
}
