-- bench_wal.sql: a fixed, deterministic SQL workload for bench/real/run.sh of
-- another shape than bench.sql: a database file in WAL mode with a small page
-- cache, so that pages go through the pager, the WAL and its index; inserts in
-- random key order into a table with four indexes, upserts, updates of indexed
-- columns, deletes, checkpoints, an integrity check.  The sqlite3 shell runs it
-- in a directory of its own (the file is bench-wal.db there).
.bail on
.open --new bench-wal.db
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
PRAGMA cache_size = 400;
PRAGMA wal_autocheckpoint = 500;
CREATE TABLE kv(k INTEGER PRIMARY KEY, a INTEGER, b TEXT, c REAL, d TEXT);
CREATE INDEX kv_a ON kv(a);
CREATE INDEX kv_b ON kv(b, a);
CREATE INDEX kv_c ON kv(c);
CREATE UNIQUE INDEX kv_d ON kv(d);
CREATE TABLE tally(b TEXT PRIMARY KEY, n INTEGER, s REAL) WITHOUT ROWID;

BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000)
INSERT INTO kv SELECT (i * 2654435761) % 4294967291, (i * 48271) % 100003,
                      printf('b%05d', (i * 16807) % 30011), ((i * 69621) % 1000003) / 7.0,
                      hex(i * 7919) FROM n;
COMMIT;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000)
INSERT INTO tally SELECT printf('b%05d', (i * 40692) % 30011), 1, i / 3.0 FROM n WHERE true
  ON CONFLICT(b) DO UPDATE SET n = n + 1, s = s + excluded.s;
COMMIT;
BEGIN;
UPDATE kv SET a = (a * 31 + 7) % 100003, c = c + 1.5 WHERE k % 7 = 0;
UPDATE kv SET b = 'x' || substr(b, 2) WHERE a % 11 = 0;
DELETE FROM kv WHERE a % 13 = 0;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 40001 UNION ALL SELECT i + 1 FROM n WHERE i < 52000)
INSERT OR REPLACE INTO kv SELECT (i * 2654435761) % 4294967291, (i * 48271) % 100003,
                      printf('b%05d', (i * 16807) % 30011), ((i * 69621) % 1000003) / 7.0,
                      hex(i * 7919) FROM n;
UPDATE tally SET n = n * 2 WHERE b IN (SELECT b FROM kv WHERE a < 5000);
COMMIT;

SELECT count(*), sum(a), round(sum(c), 3), min(b), max(b), max(length(d)) FROM kv;
SELECT count(*), sum(n), round(sum(s), 3) FROM tally;
SELECT b, count(*), sum(a) FROM kv WHERE b BETWEEN 'b10000' AND 'b10100' GROUP BY b ORDER BY b LIMIT 8;
SELECT k, a, b FROM kv WHERE a BETWEEN 500 AND 520 ORDER BY a, k;
SELECT t.b, t.n, count(kv.k) FROM tally t LEFT JOIN kv ON kv.b = t.b
 GROUP BY t.b ORDER BY t.n DESC, t.b LIMIT 5;
PRAGMA integrity_check;
PRAGMA wal_checkpoint(TRUNCATE);
