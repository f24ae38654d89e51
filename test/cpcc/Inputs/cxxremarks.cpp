// cpc++ tests: what C++ functions get.  One remark per function says it.
#include <string>
#include <vector>

extern void use(unsigned long);

// No exception handling: points as in C.
unsigned long plain(unsigned long n) {
  unsigned long s = 0;
  for (unsigned long i = 0; i < n; i++)
    use(s += i);
  return s;
}

// A local with a destructor and calls that may throw: a landing pad, so the
// function is left alone and its loop gets no point (with exceptions on).
unsigned long with_cleanup(unsigned long n) {
  std::vector<unsigned long> v(n);
  unsigned long s = 0;
  for (unsigned long i = 0; i < n; i++)
    use(s += v[i]);
  return s;
}

// A try/catch: left alone too.
unsigned long with_catch(unsigned long n) {
  unsigned long s = 0;
#if __cpp_exceptions
  try {
#endif
    for (unsigned long i = 0; i < n; i++)
      use(s += i);
#if __cpp_exceptions
  } catch (...) {
    return 0;
  }
#endif
  return s;
}
