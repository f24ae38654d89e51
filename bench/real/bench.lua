-- bench.lua: a fixed, deterministic Lua workload for bench/real/run.sh
-- (table ops, string ops, closures, numeric loops).  Usage: lua bench.lua [SCALE]
-- Prints one checksum line per part; no output depends on time, addresses
-- or hash order.
local scale = tonumber(arg and arg[1]) or 1

-- a small LCG, so the run does not depend on math.random's seeding
local seed = 12345
local function rand(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n
end

-- numeric loops: sieve and a floating-point series
local function numeric(n)
  local sieve, count = {}, 0
  for i = 2, n do sieve[i] = true end
  for i = 2, n do
    if sieve[i] then
      count = count + 1
      for j = i * i, n, i do sieve[j] = false end
    end
  end
  local s = 0.0
  for k = 1, n do s = s + 1.0 / (k * k) end
  return string.format("primes %d zeta2 %.12f", count, s)
end

-- tables: fill, sort, hash lookups, removal
local function tables(n)
  local t = {}
  for i = 1, n do t[i] = rand(1000000) end
  table.sort(t)
  local h = {}
  for i = 1, n do h["k" .. t[i]] = (h["k" .. t[i]] or 0) + 1 end
  local hits = 0
  for i = 1, n do if h["k" .. rand(1000000)] then hits = hits + 1 end end
  local keys = {}
  for k in pairs(h) do keys[#keys + 1] = k end
  table.sort(keys)
  local sum = 0
  for i = 1, #keys, 97 do sum = sum + h[keys[i]] * i end
  while #t > n // 2 do table.remove(t) end
  return string.format("tables %d %d %d %d %d", t[1], t[#t], #keys, hits, sum)
end

-- strings: build, format, gsub, find, reverse, concat
local function strings(n)
  local parts = {}
  for i = 1, n do parts[i] = string.format("%05d:%s", rand(100000), string.rep("ab", i % 7)) end
  local s = table.concat(parts, ",")
  local a = select(2, s:gsub("ab", "ba"))
  local b = 0
  for w in s:gmatch("%d+") do b = b + #w end
  local c = 0
  local pos = 1
  while true do
    local i = s:find("00", pos, true)
    if not i then break end
    c, pos = c + 1, i + 1
  end
  local up = s:upper():reverse()
  return string.format("strings %d %d %d %d %s", #s, a, b, c, up:sub(1, 12))
end

-- closures and objects: counters, higher-order functions, method calls
local function closures(n)
  local function counter(step)
    local c = 0
    return function() c = c + step; return c end
  end
  local fs = {}
  for i = 1, 64 do fs[i] = counter(i) end
  local total = 0
  for i = 1, n do total = total + fs[i % 64 + 1]() end
  local function map(f, t) local r = {} for i = 1, #t do r[i] = f(t[i]) end return r end
  local function fold(f, acc, t) for i = 1, #t do acc = f(acc, t[i]) end return acc end
  local v = {}
  for i = 1, 1000 do v[i] = i end
  local m = 0
  for _ = 1, n // 1000 do
    m = m + fold(function(a, x) return (a + x) % 1000003 end, 0, map(function(x) return x * x end, v))
  end
  local Point = {}
  Point.__index = Point
  function Point.new(x, y) return setmetatable({x = x, y = y}, Point) end
  function Point:add(o) return Point.new(self.x + o.x, self.y + o.y) end
  local p = Point.new(0, 0)
  for i = 1, n do p = p:add(Point.new(i % 3, i % 5)) end
  return string.format("closures %d %d %d %d", total, m, p.x, p.y)
end

-- recursion: fibonacci and a binary-trees style allocation test
local function recursion(d)
  local function fib(k) if k < 2 then return k end return fib(k - 1) + fib(k - 2) end
  local function make(depth)
    if depth == 0 then return {} end
    return {make(depth - 1), make(depth - 1)}
  end
  local function check(t) if t[1] then return 1 + check(t[1]) + check(t[2]) end return 1 end
  local nodes = 0
  for _ = 1, 8 do nodes = nodes + check(make(d)) end
  return string.format("recursion %d %d", fib(d + 10), nodes)
end

local function N(x) return math.floor(x * scale) end
print(numeric(N(2000000)))
print(tables(N(200000)))
print(strings(N(100000)))
print(closures(N(1000000)))
print(recursion(14 + math.floor(math.log(scale, 2) + 0.5)))
