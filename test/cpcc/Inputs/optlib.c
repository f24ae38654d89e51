/* cpcc tests: a library in two versions; extra() only with -DWITH_EXTRA. */
int base(int x) { return x + 1; }
#ifdef WITH_EXTRA
int extra(int x) { return x * 2; }
#endif
