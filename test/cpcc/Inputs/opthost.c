/* cpcc tests: calls extra() of optlib.c only when asked to, so it runs with
 * a version of the library without extra() - unless every symbol is bound
 * at start-up (-z now).  -DWEAK_EXTRA declares extra() weak: it is then 0
 * where the library lacks it, which the program checks before calling. */
#include <stdio.h>

int base(int);
#ifdef WEAK_EXTRA
__attribute__((weak))
#endif
int extra(int);

int main(int argc, char **argv) {
  (void)argv;
  int r = base(argc);
#ifdef WEAK_EXTRA
  if (argc > 1 && extra)
#else
  if (argc > 1)
#endif
    r = extra(r);
  printf("result %d\n", r);
  return 0;
}
