CREATE TABLE t (id INT PRIMARY KEY, v INT) ENGINE=InnoDB;
INSERT INTO t VALUES (1, 10), (2, 20), (5, 50);
-- Affected: 3
-- [A]
BEGIN;
SELECT v FROM t WHERE id = 1 FOR UPDATE;
-- Output:
-- v
-- 10
-- [B]
SET SESSION innodb_lock_wait_timeout = 1;
UPDATE t SET v = 11 WHERE id = 1;
-- Error: 1205 Lock wait timeout exceeded
UPDATE t SET v = 21 WHERE id = 2;
BEGIN;
SET SESSION innodb_lock_wait_timeout = 20;
UPDATE t SET v = 12 WHERE id = 1; -- blocks
-- [A]
COMMIT;
-- [B]
-- Affected: 1
COMMIT;
SELECT id, v FROM t ORDER BY id;
-- Output:
-- id | v
-- 1  | 12
-- 2  | 21
-- 5  | 50
EXPLAIN SELECT * FROM t WHERE id = 2;
-- Check: type=const; key=PRIMARY; rows<10
SELECT NULL AS n;
-- Output:
-- n
-- NULL
DELIMITER //
CREATE PROCEDURE p()
BEGIN
  SELECT COUNT(*) AS c FROM t;
END//
DELIMITER ;
CALL p();
-- Output:
-- c
-- 3
