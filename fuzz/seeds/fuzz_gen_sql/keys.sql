-- Keys: composite primary keys, named primary keys, unique and plain indexes,
-- FULLTEXT / SPATIAL, foreign keys (with and without a covering index), prefixes,
-- a table without a primary key whose UNIQUE NOT NULL key becomes PRI.
CREATE TABLE parent (
  id INT UNSIGNED NOT NULL,
  code CHAR(8) NOT NULL,
  PRIMARY KEY pk_parent (id) USING BTREE,
  UNIQUE KEY (code)
) ENGINE=InnoDB;

CREATE TABLE order_item (
  order_id BIGINT NOT NULL,
  line_no SMALLINT UNSIGNED NOT NULL,
  sku VARCHAR(32) NOT NULL,
  qty INT UNSIGNED NOT NULL DEFAULT 1,
  parent_id INT UNSIGNED,
  parent_code CHAR(8),
  title VARCHAR(200),
  body TEXT,
  PRIMARY KEY (order_id, line_no),
  UNIQUE INDEX uk_sku_line USING BTREE (sku, line_no) COMMENT 'one sku per line',
  KEY idx_qty (qty DESC) KEY_BLOCK_SIZE=8,
  INDEX (title(20)),
  INDEX (title),
  FULLTEXT KEY ft_body (title, body),
  CONSTRAINT fk_item_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE ON UPDATE NO ACTION,
  FOREIGN KEY (parent_code) REFERENCES parent (code) ON DELETE SET NULL,
  FOREIGN KEY (qty) REFERENCES parent (id)
) ENGINE=InnoDB;

CREATE TABLE no_pk (
  a INT NULL,
  b INT NOT NULL,
  c INT NOT NULL,
  d INT,
  UNIQUE KEY uk_a (a),
  UNIQUE KEY uk_bc (b, c),
  UNIQUE KEY uk_d (d)
);

CREATE TABLE place (
  id INT AUTO_INCREMENT,
  g GEOMETRY NOT NULL,
  name VARCHAR(64) UNIQUE,
  alias VARCHAR(64) UNIQUE KEY,
  KEY id_key (id),
  SPATIAL INDEX sp_g (g)
);

CREATE TABLE inline_pk (
  id INT KEY,
  other INT
);

CREATE INDEX idx_other ON inline_pk (other);
CREATE UNIQUE INDEX uk_other_id ON inline_pk (other, id);
