// fork() while other threads create and destroy scopes: the child's next
// scope call must not wait for ever on the scopes' list lock that another
// thread of the parent held at the instant of the fork (scope.c, fork.c).
// TSan ends a child of a multi-threaded fork that starts a thread (the
// canceller here); under ASan each fork copies the shadow's mappings and 200
// of them outlast the alarm on a loaded machine: UNSUPPORTED under both.
// UNSUPPORTED: asan, tsan
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %t | FileCheck %s
// CHECK: children: 200 ok
#include <cancelpoints.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static atomic_int stop;

static void *churn(void *arg)
{
  (void)arg;
  while (!atomic_load(&stop)) {
    cp_scope *s = cp_scope_create();
    cp_scope_set_deadline(s, cp_now() + 1000); /* the canceller walks the list too */
    cp_scope_destroy(s);
  }
  return NULL;
}

int main(void)
{
  alarm(120); /* a child stuck on the lock makes its waitpid wait: fail, not hang */
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, churn, NULL);
  int ok = 0;
  for (int i = 0; i < 200; i++) {
    pid_t pid = fork();
    if (pid == 0) {
      alarm(10);
      cp_scope *s = cp_scope_create();
      cp_scope_destroy(s);
      _exit(0);
    }
    int st;
    if (pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0)
      ok++;
  }
  atomic_store(&stop, 1);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  printf("children: %d ok\n", ok);
  return 0;
}
