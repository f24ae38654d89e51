-- bench.sql: a fixed, deterministic SQL workload for bench/real/run.sh, run by
-- the sqlite3 shell on an in-memory database: inserts in a transaction, an
-- update and a delete, indexes, joins, aggregates, a window function.
.bail on
CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT, city INTEGER, score REAL);
CREATE TABLE items(id INTEGER PRIMARY KEY, label TEXT, category INTEGER, price REAL);
CREATE TABLE orders(id INTEGER PRIMARY KEY, customer INTEGER, item INTEGER, qty INTEGER, note TEXT);

BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
INSERT INTO customers SELECT i, 'customer-' || (i * 7919 % 20011), i % 97, (i * 37 % 1000) / 10.0 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO items SELECT i, printf('item %04d %s', i, substr('abcdefghijklmnopqrstuvwxyz', i % 26 + 1, 3)),
                         i % 41, (i * 7 % 500) / 4.0 + 1 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)
INSERT INTO orders SELECT i, (i * 48271) % 20000 + 1, (i * 16807) % 2000 + 1, i % 9 + 1,
                          CASE WHEN i % 5 = 0 THEN 'gift ' || hex(i) ELSE NULL END FROM n;
UPDATE orders SET qty = qty * 2 WHERE item % 13 = 0;
DELETE FROM orders WHERE customer % 101 = 0 AND qty > 5;
COMMIT;

CREATE INDEX orders_customer ON orders(customer);
CREATE INDEX orders_item ON orders(item, qty);
CREATE INDEX customers_city ON customers(city, score);

SELECT count(*), sum(qty), min(id), max(id) FROM orders;
SELECT c.city, count(*), sum(o.qty * i.price), round(avg(c.score), 3)
  FROM orders o JOIN customers c ON c.id = o.customer JOIN items i ON i.id = o.item
  GROUP BY c.city ORDER BY c.city LIMIT 10;
SELECT i.category, count(DISTINCT o.customer), max(o.qty), printf('%.2f', total(o.qty * i.price))
  FROM items i JOIN orders o ON o.item = i.id
  WHERE i.label LIKE '%b%' GROUP BY i.category ORDER BY total(o.qty * i.price) DESC, 1 LIMIT 10;
SELECT name, spent FROM (
  SELECT c.name, sum(o.qty * i.price) AS spent,
         rank() OVER (ORDER BY sum(o.qty * i.price) DESC, c.id) AS r
    FROM customers c JOIN orders o ON o.customer = c.id JOIN items i ON i.id = o.item
   GROUP BY c.id) WHERE r <= 5;
SELECT count(*) FROM customers c
 WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer = c.id AND o.qty > 8);
SELECT length(group_concat(note, '')), count(note) FROM (SELECT note FROM orders WHERE note IS NOT NULL ORDER BY note);
SELECT city, sum(score) FROM customers WHERE city BETWEEN 10 AND 14 GROUP BY city ORDER BY city;
