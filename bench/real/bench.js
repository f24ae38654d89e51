// bench.js: a fixed, deterministic JavaScript workload for bench/real/run.sh,
// run by Duktape's `duk` (numeric loops, arrays and objects, strings and
// regular expressions, JSON, closures, recursion).
// Usage: duk -e 'var scale = 0.5' bench.js   (scale defaults to 1)
// Prints one checksum line per part; no output depends on time or addresses.
var S = (typeof scale === 'number') ? scale : 1;

// a small LCG (MINSTD: exact in doubles), so the run does not depend on
// Math.random
var seed = 12345;
function rand(n) {
  seed = (seed * 48271) % 2147483647;
  return seed % n;
}

// numeric loops: sieve and a floating-point series
function numeric(n) {
  var sieve = [], count = 0, i, j;
  for (i = 2; i <= n; i++) sieve[i] = true;
  for (i = 2; i <= n; i++) {
    if (sieve[i]) {
      count++;
      for (j = i * i; j <= n; j += i) sieve[j] = false;
    }
  }
  var s = 0.0;
  for (var k = 1; k <= n; k++) s += 1.0 / (k * k);
  return 'primes ' + count + ' zeta2 ' + s.toFixed(12);
}

// arrays and objects: fill, sort with a comparator, string-keyed lookups
function tables(n) {
  var t = [], i;
  for (i = 0; i < n; i++) t.push(rand(1000000));
  t.sort(function (a, b) { return a - b; });
  var h = {};
  for (i = 0; i < n; i++) { var k = 'k' + t[i]; h[k] = (h[k] || 0) + 1; }
  var hits = 0;
  for (i = 0; i < n; i++) if (h['k' + rand(1000000)]) hits++;
  var keys = Object.keys(h).sort();
  var sum = 0;
  for (i = 0; i < keys.length; i += 97) sum += h[keys[i]] * i;
  while (t.length > n / 2) t.pop();
  return 'tables ' + t[0] + ' ' + t[t.length - 1] + ' ' + keys.length + ' ' + hits + ' ' + sum;
}

// strings: build, replace, regular expressions, split and join
function strings(n) {
  var parts = [], i;
  for (i = 0; i < n; i++) {
    var num = String(100000 + rand(100000)).slice(1);
    parts.push(num + ':' + new Array(i % 7 + 1).join('ab'));
  }
  var s = parts.join(',');
  var a = 0;
  var r = s.replace(/ab/g, function () { a++; return 'ba'; });
  var b = 0, m, re = /\d+/g;
  while ((m = re.exec(s)) !== null) b += m[0].length;
  var c = 0, pos = 0;
  while ((pos = s.indexOf('00', pos)) >= 0) { c++; pos++; }
  var fields = r.split(',');
  var long = fields.filter(function (f) { return /^(\d)\d*:(ba)+$/.test(f); }).length;
  var up = s.toUpperCase().split('').reverse().join('');
  return 'strings ' + s.length + ' ' + a + ' ' + b + ' ' + c + ' ' + long + ' ' + up.slice(0, 12);
}

// JSON: build a nested value, stringify it, parse it back, walk it
function json(n) {
  var rows = [], i;
  for (i = 0; i < n; i++) {
    rows.push({ id: i, name: 'row' + rand(10000), tags: ['t' + (i % 5), 't' + (i % 7)],
                pos: { x: rand(1000) / 8, y: rand(1000) / 16 }, ok: i % 3 === 0 });
  }
  var text = JSON.stringify({ rows: rows });
  var back = JSON.parse(text);
  var sx = 0, oks = 0;
  for (i = 0; i < back.rows.length; i++) {
    sx += back.rows[i].pos.x + back.rows[i].pos.y;
    if (back.rows[i].ok) oks++;
  }
  return 'json ' + text.length + ' ' + sx.toFixed(3) + ' ' + oks;
}

// closures and objects: counters, higher-order functions, prototypes
function closures(n) {
  function counter(step) { var c = 0; return function () { c += step; return c; }; }
  var fs = [], i;
  for (i = 1; i <= 64; i++) fs.push(counter(i));
  var total = 0;
  for (i = 1; i <= n; i++) total += fs[i % 64]();
  var v = [];
  for (i = 1; i <= 1000; i++) v.push(i);
  var m = 0;
  for (var r = 0; r < Math.floor(n / 1000); r++) {
    m += v.map(function (x) { return x * x; })
          .reduce(function (acc, x) { return (acc + x) % 1000003; }, 0);
  }
  function Point(x, y) { this.x = x; this.y = y; }
  Point.prototype.add = function (o) { return new Point(this.x + o.x, this.y + o.y); };
  var p = new Point(0, 0);
  for (i = 1; i <= n; i++) p = p.add(new Point(i % 3, i % 5));
  return 'closures ' + total + ' ' + m + ' ' + p.x + ' ' + p.y;
}

// recursion: fibonacci and a binary-trees style allocation test
function recursion(d) {
  function fib(k) { return k < 2 ? k : fib(k - 1) + fib(k - 2); }
  function make(depth) { return depth === 0 ? {} : { l: make(depth - 1), r: make(depth - 1) }; }
  function check(t) { return t.l ? 1 + check(t.l) + check(t.r) : 1; }
  var nodes = 0;
  for (var i = 0; i < 8; i++) nodes += check(make(d));
  return 'recursion ' + fib(d + 8) + ' ' + nodes;
}

function N(x) { return Math.floor(x * S); }
print(numeric(N(600000)));
print(tables(N(60000)));
print(strings(N(30000)));
print(json(N(20000)));
print(closures(N(300000)));
print(recursion(12 + Math.round(Math.log(S) / Math.LN2)));
