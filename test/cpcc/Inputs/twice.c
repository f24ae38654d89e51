/* cpcc tests: the second translation unit of hello. */
int twice(int x) { return 2 * x; }
