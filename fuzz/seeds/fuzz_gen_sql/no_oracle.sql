-- Statements whose effect differs between servers or that information_schema does
-- not show; parsed by bagu but excluded from the MariaDB oracle (docs/gen-sql.md):
--   * inline REFERENCES: MySQL 8 parses and ignores it, MariaDB >= 10.5 creates a
--     foreign key (and so an index: COLUMN_KEY MUL);
--   * TEMPORARY tables: not visible in information_schema from another session.
CREATE TABLE parent_t (id INT UNSIGNED PRIMARY KEY);
CREATE TABLE child_t (
  owner_id INT UNSIGNED REFERENCES parent_t (id) ON DELETE CASCADE ON UPDATE SET NULL,
  other INT REFERENCES parent_t (id) MATCH FULL
);
CREATE TEMPORARY TABLE tmp_t (x INT);
