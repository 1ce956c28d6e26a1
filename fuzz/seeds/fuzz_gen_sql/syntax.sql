# Syntax people paste: lower case, IF NOT EXISTS, schema-qualified and quoted names,
# comments of every kind, conditional comments, table options with commas,
# inline REFERENCES and CHECK, CREATE TABLE ... LIKE, generated and invisible columns.
# (The schema qualifier o_syntax is the database the oracle test loads this file into.)
create table if not exists o_syntax.`pasted` (
  id int(10) unsigned not null auto_increment comment 'id', -- trailing comment
  /* a block comment */ name varchar(20) not null default 'x' collate utf8mb4_bin,
  owner_id int unsigned,
  price decimal(8,2) check (price >= 0),
  qty int check (qty > 0),
  full_name varchar(41) generated always as (concat(name,' x')) virtual,
  price_x2 decimal(9,2) as (price * 2) stored,
  price_p decimal(9,2) as (price + 1) persistent comment 'persistent is MariaDB for stored',
  secret varchar(10) invisible,
  flags tinyint(3) unsigned zerofill not null default '7',
  primary key (id),
  unique uk_name (name),
  constraint chk_qty check (qty < 1000)
) engine = InnoDB, default charset = utf8mb4, auto_increment = 5, comment = 'pasted from a blog';

CREATE TABLE `pasted_copy` LIKE `pasted`;

/*!40101 CREATE TABLE cond_table (a INT NOT NULL) */;

SET @old_mode = @@sql_mode;
SET sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES');
CREATE TABLE "quoted_name" ("a" INT, "b c" VARCHAR(3));
SET sql_mode = @old_mode;
CREATE TABLE IF NOT EXISTS `with_options` (
  k INT NOT NULL
) ENGINE=InnoDB ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8 STATS_PERSISTENT=1 CHECKSUM=1 PACK_KEYS=0
  COMMENT 'options' MAX_ROWS=1000 MIN_ROWS=1 AVG_ROW_LENGTH=100 DELAY_KEY_WRITE=0;
CREATE TABLE ver_t (a INT) WITH SYSTEM VERSIONING;
