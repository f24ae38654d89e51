/* cpcc tests (Meson): the shared library's loop, which runs until ^C. */
unsigned long spin(unsigned long x, unsigned long n) {
  for (unsigned long i = 0; i < n; i++)
    x = (x ^ (x >> 29)) * 0xbf58476d1ce4e5b9UL + i;
  return x;
}
