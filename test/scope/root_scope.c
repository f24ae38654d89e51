// The root is an ordinary scope, named by NULL: its request records the
// first cause and who asked, as any scope's does; a deadline on it cancels
// the process (report naming the deadline, exit 130, atexit handlers run);
// a grace on it makes ^C-like graceful requests wait; the API that runs in
// a scope refuses it.
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: not %t asked | FileCheck %s --check-prefix=ASKED
// RUN: not %t deadline 2>&1 | FileCheck %s --check-prefix=DEADLINE
// RUN: sh -c '%t deadline >/dev/null 2>&1; echo status=$?' | FileCheck %s --check-prefix=STATUS
// STATUS: status=130
// RUN: not %t grace 2>&1 | FileCheck %s --check-prefix=GRACE
// RUN: %t refuse | FileCheck %s --check-prefix=REFUSE
#include "Inputs/st.h"
#include <sys/syscall.h>

static void bye(void) { printf("atexit ran\n"); }

static void noop(void *x) { (void)x; }

int main(int argc, char **argv)
{
  const char *what = argc > 1 ? argv[1] : "";
  setvbuf(stdout, NULL, _IONBF, 0);
  atexit(bye);
  if (!strcmp(what, "asked")) {
    // ASKED: before: called 0 cause 0 tid 0
    // ASKED-NEXT: after: called 1 cause 1 tid is mine 1
    // ASKED-NEXT: atexit ran
    printf("before: called %d cause %d tid %d\n", cp_scope_cancel_called(NULL),
           cp_scope_cancel_cause(NULL), cp_scope_canceller_tid(NULL));
    cp_hold(); /* the request waits for cp_resume */
    cp_cancel_process();
    printf("after: called %d cause %d tid is mine %d\n", cp_scope_cancel_called(NULL),
           cp_scope_cancel_cause(NULL),
           cp_scope_canceller_tid(NULL) == (int)syscall(SYS_gettid));
    cp_resume();
    st_spin();
  }
  if (!strcmp(what, "deadline")) {
    // DEADLINE: spinning
    // DEADLINE-NEXT: cancelpoints: cancelled by its deadline in st_spin (st.h:1)
    // DEADLINE-NEXT: atexit ran
    cp_scope_set_deadline(NULL, cp_now() + 20 * 1000000LL);
    printf("spinning\n");
    st_spin();
  }
  if (!strcmp(what, "grace")) {
    // GRACE: graceful: cause 1 hard 0
    // GRACE-NEXT: cancelpoints: {{.*}}st_spin
    // GRACE-NEXT: atexit ran
    cp_scope_set_grace(NULL, 20 * 1000000LL);
    cp_scope_cancel_graceful(NULL, -1);
    printf("graceful: cause %d hard %d\n", cp_scope_cancel_cause(NULL), cp_check() != 0);
    st_spin(); /* ends when the grace has run out */
  }
  if (!strcmp(what, "refuse")) {
    // REFUSE: run -1 EINVAL 1, thread -1 EINVAL 1, join -1 EINVAL 1
    int r = cp_scope_run(NULL, noop, NULL), e1 = errno == EINVAL;
    int t = cp_thread_create(NULL, NULL, NULL, NULL), e2 = errno == EINVAL;
    int j = cp_scope_join(NULL, -1), e3 = errno == EINVAL;
    printf("run %d EINVAL %d, thread %d EINVAL %d, join %d EINVAL %d\n", r, e1, t, e2, j, e3);
    cp_scope_destroy(NULL); /* nothing */
  }
  return 0;
}
