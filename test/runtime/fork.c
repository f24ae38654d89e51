// After fork() the child's runtime works on the child's own threads: a
// request made there reaches a thread the child created; the request the
// parent had pending is inherited by the forking thread.
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %t | FileCheck %s
#include <cancelpoints.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static int fds[2];

static void *spinner(void *arg)
{
  (void)arg;
  if (write(fds[1], "r", 1) != 1)
    return NULL;
  while (cp_check() == 0) {
  }
  return (void *)1;
}

static int spin_and_cancel(void)
{
  pthread_t t;
  void *r = NULL;
  char c;
  if (pipe(fds) || pthread_create(&t, NULL, spinner, NULL) || read(fds[0], &c, 1) != 1)
    return -1;
  cp_cancel_process();
  pthread_join(t, &r);
  close(fds[0]);
  close(fds[1]);
  return r != NULL;
}

int main(void)
{
  alarm(60); /* a broken runtime must fail, not hang */
  // CHECK: parent: thread saw the request: 1
  printf("parent: thread saw the request: %d\n", spin_and_cancel());
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    printf("child: inherited request: %d\n", cp_check());
    printf("child: thread saw the request: %d\n", spin_and_cancel());
    return 0;
  }
  int st;
  waitpid(pid, &st, 0);
  printf("parent: child exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
  return 0;
}
// CHECK-NEXT: child: inherited request: -1
// CHECK-NEXT: child: thread saw the request: 1
// CHECK-NEXT: parent: child exited 0
