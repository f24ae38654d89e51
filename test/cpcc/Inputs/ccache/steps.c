/* cpcc tests (ccache): an effect-free loop, so the pass mode shows in the
 * object: full arms a reset region (__cp_arm), poll only polls, off and
 * CANCELPOINTS_DISABLE=1 add nothing. */
unsigned long steps(unsigned long n) {
  unsigned long s = 0;
  while (n != 1) {
    n = (n & 1) ? 3 * n + 1 : n / 2;
    s++;
  }
  return s;
}
