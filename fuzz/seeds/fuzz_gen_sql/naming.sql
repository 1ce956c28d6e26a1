-- Names: initialisms as whole words, digits, Chinese and odd column names,
-- collisions, Go keywords, a column called TableName, odd table names.
CREATE TABLE `user_api_keys` (
  `id` INT NOT NULL PRIMARY KEY,
  `user_id` INT NOT NULL,
  `middlename` VARCHAR(10),
  `http_url` VARCHAR(255),
  `uuid` CHAR(36),
  `ip_addr` VARCHAR(45),
  `json_body` TEXT,
  `2fa_secret` VARCHAR(64),
  `名字` VARCHAR(32) COMMENT '中文列名',
  `foo_bar` INT,
  `fooBar` INT,
  `FooBar2` INT,
  `type` VARCHAR(10),
  `range` INT,
  `TableName` VARCHAR(10),
  `table_name` VARCHAR(10),
  `$ref` VARCHAR(10),
  `with space` INT,
  `semi;colon` INT COMMENT 'a "quoted" `comment` with \\ backslash',
  `i_d` INT
) COMMENT 'line one\nline two\twith tab';

CREATE TABLE `2024_stats` (`n` INT);
CREATE TABLE `订单` (`编号` INT COMMENT '编号') COMMENT='中文表名';
CREATE TABLE `UserAPIKeys` (`a` INT);
CREATE TABLE single_col (only_one VARCHAR(5) COMMENT 'the only column');
