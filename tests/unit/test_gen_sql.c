/*
 * test_gen_sql — gen/sql: the DDL parser (statements, column grammar, keys, dump
 * noise), error positions, literal-default conversion, information_schema rendering
 * in MySQL 8 spelling (the MariaDB spelling is checked against a real server by
 * tests/cli/gen_sql_oracle.sh), limits, and the Go emitter's mapping and names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/sql.h"
#include "util/util.h"

static struct sql_schema S;

static void parse_ok(const char *ddl)
{
	struct bagu_err err = {{0}};
	sql_schema_release(&S);
	sql_schema_init(&S);
	if (sql_parse(&S, "t.sql", ddl, strlen(ddl), NULL, NULL, &err))
		fail_msg("unexpected error: %s\n--- input:\n%s", err.msg, ddl);
}

static const char *parse_err(const char *ddl)
{
	static struct bagu_err err;
	memset(&err, 0, sizeof(err));
	sql_schema_release(&S);
	sql_schema_init(&S);
	if (sql_parse(&S, "t.sql", ddl, strlen(ddl), NULL, NULL, &err) == 0)
		fail_msg("accepted invalid input:\n%s", ddl);
	return err.msg;
}

static const struct sql_column *col(const char *table, const char *name)
{
	const struct sql_table *t = sql_schema_table(&S, table);
	if (!t)
		fail_msg("no table %s", table);
	for (size_t i = 0; i < t->ncols; i++)
		if (!strcmp(t->cols[i].name, name))
			return &t->cols[i];
	fail_msg("no column %s.%s", table, name);
	return NULL;
}

/* Renders one column as MySQL 8 (or MariaDB) information_schema would. */
static const char *render(const char *table, const char *name, enum sql_flavor f)
{
	static char buf[1024];
	const struct sql_column *c = col(table, name);
	struct strbuf ct, def, ex;
	strbuf_init(&ct, 0);
	strbuf_init(&def, 0);
	strbuf_init(&ex, 0);
	sql_column_type(c, f, &ct);
	bool has = sql_column_default(c, f, &def);
	sql_column_extra(c, f, &ex);
	snprintf(buf, sizeof(buf), "%s|%s|%s|%s|%s|%s", sql_data_type(c, f), ct.buf,
		 sql_column_nullable(c) ? "YES" : "NO", has ? def.buf : "(null)", ex.buf, c->key);
	strbuf_release(&ct);
	strbuf_release(&def);
	strbuf_release(&ex);
	return buf;
}
#define MY(t, c) render(t, c, SQL_FLAVOR_MYSQL)
#define MARIA(t, c) render(t, c, SQL_FLAVOR_MARIADB)

static char *emit(const struct sql_gen_options *o)
{
	struct strbuf out = STRBUF_INIT;
	struct bagu_err err = {{0}};
	struct sql_gen_options def;
	sql_gen_options_init(&def);
	if (sql_emit_go(&S, o ? o : &def, &out, &err))
		fail_msg("emit failed: %s", err.msg);
	return strbuf_detach(&out, NULL);
}

static void test_types_mysql8(void **state)
{
	(void)state;
	parse_ok("CREATE TABLE t (a INT(11), b INT UNSIGNED, c TINYINT(1), d INT(5) ZEROFILL, e BOOL,"
		 " f DECIMAL, g DECIMAL(8), h FLOAT(30), i DOUBLE PRECISION, j REAL, k YEAR(4),"
		 " l CHAR, m BIT, n DATETIME(6), o TEXT(300), p JSON, q NUMERIC(5,2) UNSIGNED,"
		 " r ENUM('x','it''s'), s LONG VARBINARY, u SERIAL)");
	assert_string_equal(MY("t", "a"), "int|int|YES|(null)||");
	assert_string_equal(MY("t", "b"), "int|int unsigned|YES|(null)||");
	assert_string_equal(MY("t", "c"), "tinyint|tinyint(1)|YES|(null)||");
	assert_string_equal(MY("t", "d"), "int|int(5) unsigned zerofill|YES|(null)||");
	assert_string_equal(MY("t", "e"), "tinyint|tinyint(1)|YES|(null)||");
	assert_string_equal(MY("t", "f"), "decimal|decimal(10,0)|YES|(null)||");
	assert_string_equal(MY("t", "g"), "decimal|decimal(8,0)|YES|(null)||");
	assert_string_equal(MY("t", "h"), "double|double|YES|(null)||");
	assert_string_equal(MY("t", "i"), "double|double|YES|(null)||");
	assert_string_equal(MY("t", "j"), "double|double|YES|(null)||");
	assert_string_equal(MY("t", "k"), "year|year|YES|(null)||");
	assert_string_equal(MY("t", "l"), "char|char(1)|YES|(null)||");
	assert_string_equal(MY("t", "m"), "bit|bit(1)|YES|(null)||");
	assert_string_equal(MY("t", "n"), "datetime|datetime(6)|YES|(null)||");
	assert_string_equal(MY("t", "o"), "text|text|YES|(null)||");
	assert_string_equal(MY("t", "p"), "json|json|YES|(null)||");
	assert_string_equal(MY("t", "q"), "decimal|decimal(5,2) unsigned|YES|(null)||");
	assert_string_equal(MY("t", "r"), "enum|enum('x','it''s')|YES|(null)||");
	assert_string_equal(MY("t", "s"), "mediumblob|mediumblob|YES|(null)||");
	assert_string_equal(MY("t", "u"), "bigint|bigint unsigned|NO|(null)|auto_increment|PRI");
	/* MariaDB spellings of the same columns */
	assert_string_equal(MARIA("t", "a"), "int|int(11)|YES|NULL||");
	assert_string_equal(MARIA("t", "b"), "int|int(10) unsigned|YES|NULL||");
	assert_string_equal(MARIA("t", "k"), "year|year(4)|YES|NULL||");
	assert_string_equal(MARIA("t", "p"), "longtext|longtext|YES|NULL||");
}

static void test_defaults(void **state)
{
	(void)state;
	parse_ok("CREATE TABLE d (a INT NOT NULL DEFAULT '42', b DECIMAL(10,2) DEFAULT 1.005,"
		 " c BIT(4) DEFAULT 5, d DATETIME(2) DEFAULT '2020-1-2 3:4:5.678',"
		 " e TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),"
		 " f VARCHAR(9) DEFAULT 'it''s', g VARCHAR(36) DEFAULT (UUID()), h INT DEFAULT -0,"
		 " i DOUBLE DEFAULT 1e3, j ENUM('Low','High') DEFAULT 'high', k INT DEFAULT x'ff',"
		 " l DATETIME DEFAULT NOW(), m TIME DEFAULT '1:2', n TINYINT DEFAULT TRUE, o INT DEFAULT NULL,"
		 " p DECIMAL(6,1) DEFAULT -0.04, q VARCHAR(3) DEFAULT 'NULL')");
	assert_string_equal(MY("d", "a"), "int|int|NO|42||");
	assert_string_equal(MY("d", "b"), "decimal|decimal(10,2)|YES|1.01||");
	assert_string_equal(MY("d", "c"), "bit|bit(4)|YES|b'101'||");
	assert_string_equal(MY("d", "d"), "datetime|datetime(2)|YES|2020-01-02 03:04:05.67||");
	assert_string_equal(MY("d", "e"),
			    "timestamp|timestamp(3)|NO|CURRENT_TIMESTAMP(3)|DEFAULT_GENERATED on update CURRENT_TIMESTAMP(3)|");
	assert_string_equal(MY("d", "f"), "varchar|varchar(9)|YES|it's||");
	assert_string_equal(MY("d", "g"), "varchar|varchar(36)|YES|uuid()|DEFAULT_GENERATED|");
	assert_string_equal(MY("d", "h"), "int|int|YES|0||");
	assert_string_equal(MY("d", "i"), "double|double|YES|1000||");
	assert_string_equal(MY("d", "j"), "enum|enum('Low','High')|YES|High||");
	assert_string_equal(MY("d", "k"), "int|int|YES|255||");
	assert_string_equal(MY("d", "l"), "datetime|datetime|YES|CURRENT_TIMESTAMP|DEFAULT_GENERATED|");
	assert_string_equal(MY("d", "m"), "time|time|YES|01:02:00||");
	assert_string_equal(MY("d", "n"), "tinyint|tinyint|YES|1||");
	assert_string_equal(MY("d", "o"), "int|int|YES|(null)||");
	assert_string_equal(MY("d", "p"), "decimal|decimal(6,1)|YES|0.0||");
	assert_string_equal(MY("d", "q"), "varchar|varchar(3)|YES|NULL||");
	assert_string_equal(MARIA("d", "e"),
			    "timestamp|timestamp(3)|NO|current_timestamp(3)|on update current_timestamp(3)|");
	assert_string_equal(MARIA("d", "f"), "varchar|varchar(9)|YES|'it''s'||");
	assert_string_equal(MARIA("d", "o"), "int|int(11)|YES|NULL||");
	assert_string_equal(MARIA("d", "q"), "varchar|varchar(3)|YES|'NULL'||");
}

static void test_keys(void **state)
{
	(void)state;
	parse_ok("CREATE TABLE k (a INT, b INT NOT NULL, c INT, d INT, e INT, f VARCHAR(9), g INT,"
		 " PRIMARY KEY pk (b, a), UNIQUE (c), UNIQUE u2 (d, e), KEY (e), INDEX (f(3)), KEY (f),"
		 " CONSTRAINT fk1 FOREIGN KEY (g) REFERENCES o (id), FOREIGN KEY (d) REFERENCES o (id))");
	const struct sql_table *t = sql_schema_table(&S, "k");
	assert_non_null(t);
	assert_string_equal(col("k", "a")->key, "PRI");
	assert_false(sql_column_nullable(col("k", "a"))); /* primary key parts are NOT NULL */
	assert_string_equal(col("k", "b")->key, "PRI");
	assert_string_equal(col("k", "c")->key, "UNI");
	assert_string_equal(col("k", "d")->key, "MUL");
	assert_string_equal(col("k", "e")->key, "MUL");
	assert_string_equal(col("k", "f")->key, "MUL");
	assert_string_equal(col("k", "g")->key, "MUL"); /* the foreign key's own index */
	/* index names as MySQL gives them */
	const char *names[] = {"PRIMARY", "c", "u2", "e", "f", "f_2", "fk1", "d"};
	assert_int_equal(t->nidx, 8);
	for (size_t i = 0; i < t->nidx; i++)
		assert_string_equal(t->idx[i].name, names[i]);
	/* no primary key: the first UNIQUE index on NOT NULL columns acts as one */
	parse_ok("CREATE TABLE n (a INT, b INT NOT NULL, UNIQUE (a), UNIQUE (b))");
	assert_string_equal(col("n", "a")->key, "UNI");
	assert_string_equal(col("n", "b")->key, "PRI");
	/* inline keys, SERIAL, CREATE INDEX afterwards */
	parse_ok("CREATE TABLE i (a INT KEY, b INT UNIQUE KEY, c SERIAL, d INT);"
		 "CREATE INDEX ix ON i (d);");
	assert_string_equal(col("i", "a")->key, "PRI");
	assert_string_equal(col("i", "b")->key, "UNI");
	assert_string_equal(col("i", "c")->key, "UNI");
	assert_string_equal(col("i", "d")->key, "MUL");
}

static void test_dump_noise(void **state)
{
	(void)state;
	parse_ok("-- c\n# c\n/* c */\n/*!40101 SET NAMES utf8 */;\n/*M!100100 SET x=1 */;\n"
		 "DROP TABLE IF EXISTS `a`;\nCREATE TABLE `a` (x INT) /*!50100 PARTITION BY HASH (x) PARTITIONS 2 */;\n"
		 "LOCK TABLES `a` WRITE;\n/*!40000 ALTER TABLE `a` DISABLE KEYS */;\n"
		 "INSERT INTO `a` VALUES (1),(2),('; CREATE TABLE nope (y INT);');\n"
		 "/*!40000 ALTER TABLE `a` ENABLE KEYS */;\nUNLOCK TABLES;\n"
		 "DELIMITER ;;\nCREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.x = 1; END ;;\nDELIMITER ;\n"
		 "CREATE TABLE b (y INT);\nDROP TABLE a;\nCREATE DATABASE z;\nUSE z;\n");
	assert_int_equal(S.ntables, 1);
	assert_string_equal(S.tables[0].name, "b");
	assert_int_equal(S.nwarnings, 0);
	parse_ok("CREATE TABLE a (x INT);\nALTER TABLE a ADD y INT;\n  RENAME TABLE a TO b;\nCREATE SYNONYM s FOR b;");
	assert_int_equal(S.nwarnings, 1);
	assert_string_equal(S.warnings[0], "t.sql:4:1: warning: unsupported statement 'CREATE SYNONYM s' parsed past (it changes no table here)");
	assert_string_equal(S.tables[0].name, "b");
	assert_string_equal(S.tables[0].cols[1].name, "y");
	/* a table defined twice: the later definition wins, in the first one's place */
	parse_ok("CREATE TABLE a (x INT); CREATE TABLE b (y INT); CREATE TABLE a (z INT);");
	assert_int_equal(S.ntables, 2);
	assert_string_equal(S.tables[0].cols[0].name, "z");
	/* CREATE TABLE ... LIKE */
	parse_ok("CREATE TABLE a (x INT PRIMARY KEY COMMENT 'c'); CREATE TABLE b LIKE a;");
	assert_string_equal(col("b", "x")->comment, "c");
	assert_string_equal(col("b", "x")->key, "PRI");
	/* comments and names */
	parse_ok("create table if not exists `db`.`t``q` (`a``b` int comment 'x\\ny') comment = '表';");
	assert_string_equal(S.tables[0].name, "t`q");
	assert_string_equal(S.tables[0].schema, "db");
	assert_string_equal(S.tables[0].comment, "表");
	assert_string_equal(col("t`q", "a`b")->comment, "x\ny");
}

/* Statements without ';': a statement keyword first on its line ends the previous
 * statement when that cannot be a continuation; the end of input ends the last one. */
static void test_missing_semicolon(void **state)
{
	(void)state;
	parse_ok("CREATE TABLE a (x INT)");
	assert_int_equal(S.ntables, 1);
	parse_ok("SET NAMES utf8mb4\nCREATE TABLE a (x INT)\n");
	assert_int_equal(S.ntables, 1);
	assert_string_equal(S.tables[0].name, "a");
	parse_ok("/*!40101 SET NAMES utf8 */\nDROP TABLE IF EXISTS a\nCREATE TABLE a (\n  x INT\n) ENGINE=InnoDB DEFAULT CHARACTER\nSET utf8mb4\n"
		 "  CREATE TABLE b (y INT);\nINSERT INTO b VALUES (1)\nLOCK TABLES a WRITE\nUNLOCK TABLES\n"
		 "CREATE TABLE c (z INT)\nUPDATE c\nSET z = 1\nCREATE INDEX i ON c (z)\n");
	assert_int_equal(S.ntables, 3);
	assert_string_equal(S.tables[2].name, "c");
	assert_string_equal(col("c", "z")->key, "MUL");
	assert_int_equal(S.nwarnings, 0);
	/* continuations stay in their statement */
	parse_ok("INSERT INTO a VALUES (1) ON DUPLICATE KEY\nUPDATE x = 1;\nSELECT 1 FROM a\nLOCK IN SHARE MODE;\n"
		 "SELECT 1 FROM a\nUSE INDEX (i);\nCREATE TABLE a (x INT);\n");
	assert_int_equal(S.ntables, 1);
	/* DELIMITER ends a statement too; under another delimiter nothing is split */
	parse_ok("CREATE TABLE a (x INT)\nDELIMITER ;;\nCREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN\n"
		 "SET NEW.x = 1;\nUPDATE a SET x = 2;\nEND ;;\nDELIMITER ;\nCREATE TABLE b (y INT)");
	assert_int_equal(S.ntables, 2);
	/* where it is ambiguous, the error names the place */
	assert_string_equal(parse_err("CREATE TABLE a (x INT\nCREATE TABLE b (y INT);"),
			    "t.sql:2:1: expected a column attribute, found 'CREATE'");
	assert_string_equal(parse_err("CREATE TABLE a (x INT) CREATE TABLE b (y INT);"),
			    "t.sql:1:24: expected a table option, found 'CREATE' (a missing ';' before it?)");
}

/* ALTER TABLE applied to the model, in file order; a failed ALTER changes nothing. */
static void test_alter(void **state)
{
	(void)state;
	parse_ok("CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20), email VARCHAR(50));\n"
		 "ALTER TABLE t ADD COLUMN age INT NOT NULL DEFAULT 0 AFTER id, ADD nick VARCHAR(10) FIRST,\n"
		 "  ADD (a INT, b INT), ADD UNIQUE KEY uk_email (email), ALGORITHM=INPLACE, LOCK=NONE;\n"
		 "ALTER TABLE t MODIFY name VARCHAR(40) NOT NULL COMMENT 'n', CHANGE email mail VARCHAR(60) AFTER nick;\n"
		 "ALTER TABLE t RENAME COLUMN a TO a2, ALTER COLUMN age SET DEFAULT 18, DROP COLUMN b, ENGINE=InnoDB, COMMENT='users';\n"
		 "ALTER TABLE t ADD INDEX idx_name (name(10)), RENAME INDEX uk_email TO uk_mail;\n"
		 "ALTER TABLE t RENAME TO u;\n");
	const struct sql_table *t = sql_schema_table(&S, "u");
	assert_non_null(t);
	assert_null(sql_schema_table(&S, "t"));
	assert_string_equal(t->comment, "users");
	const char *order[] = {"nick", "mail", "id", "age", "name", "a2"};
	assert_int_equal(t->ncols, 6);
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(t->cols[i].name, order[i]);
	assert_string_equal(MY("u", "id"), "int|int|NO|(null)|auto_increment|PRI");
	assert_string_equal(MY("u", "age"), "int|int|NO|18||");
	assert_string_equal(MY("u", "name"), "varchar|varchar(40)|NO|(null)||MUL");
	assert_string_equal(MY("u", "mail"), "varchar|varchar(60)|YES|(null)||UNI");
	assert_string_equal(col("u", "name")->comment, "n");
	assert_string_equal(t->idx[1].name, "uk_mail");
	/* keys: DROP INDEX, DROP/ADD PRIMARY KEY, foreign keys keep their index */
	parse_ok("CREATE TABLE p (id INT PRIMARY KEY);\nCREATE TABLE c (id INT, pid INT, x INT, y INT, KEY k (x, y));\n"
		 "ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE, ADD PRIMARY KEY (id);\n"
		 "ALTER TABLE c DROP FOREIGN KEY fk, DROP COLUMN y;\nALTER TABLE c DROP PRIMARY KEY, ALTER x DROP DEFAULT;\n"
		 "/*!40000 ALTER TABLE c DISABLE KEYS */;\nALTER TABLE c ENABLE KEYS");
	assert_string_equal(MY("c", "id"), "int|int|NO|(null)||");
	assert_string_equal(MY("c", "pid"), "int|int|YES|(null)||MUL");
	assert_string_equal(MY("c", "x"), "int|int|YES|(null)||MUL");
	t = sql_schema_table(&S, "c");
	assert_int_equal(t->nidx, 2);
	assert_int_equal(t->idx[0].ncols, 1); /* k (x, y) lost y */
	assert_int_equal(S.nwarnings, 0);
	/* errors as the server refuses them; the table stays as it was */
	static const struct {
		const char *ddl, *msg;
	} cases[] = {
		{"ALTER TABLE nope ADD a INT", "t.sql:2:13: ALTER TABLE: table 'nope' is not defined before"},
		{"ALTER TABLE t ADD a INT", "t.sql:2:19: duplicate column name 'a'"},
		{"ALTER TABLE t ADD z INT, DROP COLUMN q", "t.sql:2:38: unknown column 'q' in table 't'"},
		{"ALTER TABLE t MODIFY q INT", "t.sql:2:22: unknown column 'q' in table 't'"},
		{"ALTER TABLE t CHANGE a b INT", "t.sql:2:24: duplicate column name 'b'"},
		{"ALTER TABLE t ADD z INT AFTER q", "t.sql:2:31: unknown column 'q' in table 't'"},
		{"ALTER TABLE t RENAME COLUMN a TO B", "t.sql:2:34: duplicate column name 'B'"},
		{"ALTER TABLE t DROP INDEX nope", "t.sql:2:26: can't DROP INDEX 'nope': no such index in table 't'"},
		{"ALTER TABLE t ADD PRIMARY KEY (b)", "t.sql:2:31: multiple primary keys defined"},
		{"ALTER TABLE t DROP COLUMN a", "t.sql:2:27: cannot drop column 'a': it is part of the multi-column key 'PRIMARY'"},
		{"ALTER TABLE t ALTER b SET DEFAULT 'x'", "t.sql:2:35: invalid default value 'x' for a numeric column"},
		{"ALTER TABLE t ADD c INT AUTO_INCREMENT", "t.sql:2:19: AUTO_INCREMENT column 'c' must be the first column of a key"},
		{"ALTER TABLE t RENAME TO u", "t.sql:2:13: ALTER TABLE ... RENAME: table 'u' already exists"},
		{"ALTER TABLE t ADD z INT FOO", "t.sql:2:25: expected a column attribute, found 'FOO'"},
		{"ALTER TABLE t FROB", "t.sql:2:15: expected an ALTER TABLE specification, found 'FROB'"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char ddl[300];
		snprintf(ddl, sizeof(ddl), "CREATE TABLE t (a INT, b INT, PRIMARY KEY (a, b)); CREATE TABLE u (x INT);\n%s;", cases[i].ddl);
		const char *m = parse_err(ddl);
		if (strcmp(m, cases[i].msg))
			fail_msg("case %zu: %s\n  got:  %s\n  want: %s", i, cases[i].ddl, m, cases[i].msg);
		t = sql_schema_table(&S, "t");
		assert_non_null(t);
		assert_int_equal(t->ncols, 2);
		assert_int_equal(t->nidx, 1);
	}
	/* with --keep-going the statement after a failed ALTER still applies */
	struct strbuf errs = STRBUF_INIT;
	struct bagu_err err = {{0}};
	struct sql_parse_options po = {.keep_going = true};
	sql_schema_release(&S);
	sql_schema_init(&S);
	const char *ddl = "CREATE TABLE t (a INT);\nALTER TABLE t ADD b INT, ADD a INT;\nALTER TABLE t ADD c INT;\n";
	assert_int_equal(sql_parse(&S, "t.sql", ddl, strlen(ddl), &po, &errs, &err), -1);
	assert_string_equal(errs.buf, "t.sql:2:30: duplicate column name 'a'\n");
	assert_int_equal(S.tables[0].ncols, 2);
	assert_string_equal(S.tables[0].cols[1].name, "c");
	strbuf_release(&errs);
}

static void test_errors(void **state)
{
	(void)state;
	static const struct {
		const char *ddl, *msg;
	} cases[] = {
		{"CREATE TABLE t (a FOO)", "t.sql:1:19: unknown column type 'FOO'"},
		{"CREATE TABLE t (\n  a INT,\n  b VARCHAR\n)", "t.sql:3:5: varchar needs a length"},
		{"CREATE TABLE t (a INT, a INT)", "t.sql:1:24: duplicate column name 'a'"},
		{"CREATE TABLE t (a INT, KEY (b))", "t.sql:1:29: key column 'b' does not exist in table 't'"},
		{"CREATE TABLE t (a INT PRIMARY KEY, b INT PRIMARY KEY)", "t.sql:1:42: multiple primary keys defined"},
		{"CREATE TABLE t (a INT NOT NULL DEFAULT NULL)", "t.sql:1:40: invalid default value NULL for NOT NULL column 'a'"},
		{"CREATE TABLE t (a INT DEFAULT 'x')", "t.sql:1:31: invalid default value 'x' for a numeric column"},
		{"CREATE TABLE t (a INT UNSIGNED DEFAULT -1)", "t.sql:1:40: negative default for an UNSIGNED column"},
		{"CREATE TABLE t (a ENUM('x') DEFAULT 'y')", "t.sql:1:37: default 'y' is not a member of the ENUM"},
		{"CREATE TABLE t (a ENUM('x') DEFAULT 1)", "t.sql:1:37: invalid default value for a enum column: use a quoted member"},
		{"CREATE TABLE t (a DATE DEFAULT CURRENT_TIMESTAMP)", "t.sql:1:32: CURRENT_TIMESTAMP applies to DATETIME and TIMESTAMP columns only"},
		{"CREATE TABLE t (a DATETIME(7))", "t.sql:1:27: fractional seconds precision 7 is above 6"},
		{"CREATE TABLE t (a DECIMAL(66,2))", "t.sql:1:26: DECIMAL precision 66 is above 65"},
		{"CREATE TABLE t (a DECIMAL(5,6))", "t.sql:1:26: DECIMAL scale 6 is out of range"},
		{"CREATE TABLE t (a BIT(65))", "t.sql:1:22: BIT length 65 is out of range 1..64"},
		{"CREATE TABLE t (a INT", "t.sql:1:22: expected ')', found end of input"},
		{"CREATE TABLE t (a INT) ENGINE=InnoDB 'x' (", "t.sql:1:42: unbalanced '('"},
		{"CREATE TABLE t (a VARCHAR(3) DEFAULT 'abc", "t.sql:1:38: unterminated string"},
		{"CREATE TABLE t (a INT) /* open", "t.sql:1:24: unterminated comment"},
		{"CREATE TABLE t (a INT AUTO_INCREMENT DEFAULT 1)", "t.sql:1:46: an AUTO_INCREMENT column cannot have a default"},
		{"CREATE TABLE t ()", "t.sql:1:17: expected a name, found ')'"},
		{"CREATE TABLE t (a INT NOT)", "t.sql:1:23: expected a column attribute, found 'NOT'"},
		{"CREATE TABLE t LIKE u", "t.sql:1:21: CREATE TABLE ... LIKE: table 'u' is not defined before"},
		{"CREATE INDEX i ON nope (a)", "t.sql:1:19: CREATE INDEX: table 'nope' is not defined before"},
		{"CREATE TABLE t (a x'zz')", "t.sql:1:19: invalid hexadecimal literal"},
		{"CREATE TABLE t (a INT COMMENT 'a\\0b')", "t.sql:1:31: NUL characters in names, comments and defaults are not supported"},
		{"CREATE TABLE t (a INT AUTO_INCREMENT KEY, b INT AUTO_INCREMENT)", "t.sql:1:43: there can be only one AUTO_INCREMENT column"},
		{"CREATE TABLE t (a INT, b INT AUTO_INCREMENT, KEY (a, b))", "t.sql:1:24: AUTO_INCREMENT column 'b' must be the first column of a key"},
		{"CREATE TABLE t (a DOUBLE(5))", "t.sql:1:25: double(M) needs a scale: double(M,D)"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *m = parse_err(cases[i].ddl);
		if (strcmp(m, cases[i].msg))
			fail_msg("case %zu: %s\n  got:  %s\n  want: %s", i, cases[i].ddl, m, cases[i].msg);
	}
}

static void test_keep_going(void **state)
{
	(void)state;
	const char *ddl = "CREATE TABLE a (x INT);\nCREATE TABLE b (x NOPE);\nCREATE TABLE c (y INT);\n"
			  "CREATE TABLE d (z INT, z INT);\nCREATE TABLE e (w INT);";
	struct sql_parse_options po = {.keep_going = true};
	struct strbuf errors = STRBUF_INIT;
	struct bagu_err err = {{0}};
	sql_schema_release(&S);
	sql_schema_init(&S);
	assert_int_equal(sql_parse(&S, "k.sql", ddl, strlen(ddl), &po, &errors, &err), -1);
	assert_string_equal(err.msg, "k.sql:2:19: unknown column type 'NOPE'");
	assert_string_equal(errors.buf, "k.sql:2:19: unknown column type 'NOPE'\nk.sql:4:24: duplicate column name 'z'\n");
	assert_int_equal(S.ntables, 3);
	assert_string_equal(S.tables[2].name, "e");
	strbuf_release(&errors);
}

static void test_limits(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "CREATE TABLE t (a INT DEFAULT ");
	for (int i = 0; i < 300; i++)
		strbuf_addch(&sb, '(');
	strbuf_addch(&sb, '1');
	for (int i = 0; i < 300; i++)
		strbuf_addch(&sb, ')');
	strbuf_addstr(&sb, ")");
	assert_non_null(strstr(parse_err(sb.buf), "parentheses nested deeper than 256"));
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "CREATE TABLE t (");
	for (int i = 0; i < 4097; i++)
		strbuf_addf(&sb, "%sc%d INT", i ? "," : "", i);
	strbuf_addstr(&sb, ")");
	assert_non_null(strstr(parse_err(sb.buf), "more than 4096 columns"));
	strbuf_release(&sb);
}

static void test_emit(void **state)
{
	(void)state;
	parse_ok("CREATE TABLE `user_info` (\n"
		 "  `id` BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT '主键',\n"
		 "  `user_id` INT NOT NULL,\n"
		 "  `flag` TINYINT(1) NOT NULL DEFAULT 0,\n"
		 "  `b` BIT(8),\n"
		 "  `amount` DECIMAL(10,2),\n"
		 "  `at` DATETIME,\n"
		 "  `t` TIME NOT NULL,\n"
		 "  `y` YEAR NOT NULL,\n"
		 "  `doc` JSON NOT NULL,\n"
		 "  `raw` BLOB,\n"
		 "  `m` MEDIUMINT NOT NULL,\n"
		 "  `s` SMALLINT UNSIGNED,\n"
		 "  PRIMARY KEY (`id`),\n"
		 "  KEY `idx_u` (`user_id`, `flag`)\n"
		 ") COMMENT='用户';");
	char *go = emit(NULL);
	const char *want =
		"package model\n"
		"\n"
		"import (\n"
		"\t\"encoding/json\"\n"
		"\t\"time\"\n"
		")\n"
		"\n"
		"// UserInfo 用户\n"
		"type UserInfo struct {\n"
		"\tID     uint64          `gorm:\"column:id;type:bigint unsigned;primaryKey;autoIncrement;not null;comment:主键\" json:\"id\"` // 主键\n"
		"\tUserID int32           `gorm:\"column:user_id;type:int;not null;index:idx_u,priority:1\" json:\"user_id\"`\n"
		"\tFlag   int8            `gorm:\"column:flag;type:tinyint(1);not null;default:0;index:idx_u,priority:2\" json:\"flag\"`\n"
		"\tB      *uint64         `gorm:\"column:b;type:bit(8)\" json:\"b\"`\n"
		"\tAmount *string         `gorm:\"column:amount;type:decimal(10,2)\" json:\"amount\"`\n"
		"\tAt     *time.Time      `gorm:\"column:at;type:datetime\" json:\"at\"`\n"
		"\tT      string          `gorm:\"column:t;type:time;not null\" json:\"t\"`\n"
		"\tY      int16           `gorm:\"column:y;type:year;not null\" json:\"y\"`\n"
		"\tDoc    json.RawMessage `gorm:\"column:doc;type:json;not null\" json:\"doc\"`\n"
		"\tRaw    []byte          `gorm:\"column:raw;type:blob\" json:\"raw\"`\n"
		"\tM      int32           `gorm:\"column:m;type:mediumint;not null\" json:\"m\"`\n"
		"\tS      *uint16         `gorm:\"column:s;type:smallint unsigned\" json:\"s\"`\n"
		"}\n"
		"\n"
		"// TableName returns the name of the table in the database.\n"
		"func (UserInfo) TableName() string {\n"
		"\treturn \"user_info\"\n"
		"}\n";
	assert_string_equal(go, want);
	free(go);

	struct sql_gen_options o;
	sql_gen_options_init(&o);
	o.null = SQL_NULL_SQL;
	o.decimal = SQL_DECIMAL_SHOPSPRING;
	o.tinyint1_bool = true;
	o.tags = SQL_TAG_DB;
	o.package = "m";
	go = emit(&o);
	assert_non_null(strstr(go, "\tFlag   bool                `db:\"flag\"`\n"));
	assert_non_null(strstr(go, "\tB      sql.Null[uint64]    `db:\"b\"`\n"));
	assert_non_null(strstr(go, "\tAmount decimal.NullDecimal `db:\"amount\"`\n"));
	assert_non_null(strstr(go, "\tAt     sql.NullTime        `db:\"at\"`\n"));
	assert_non_null(strstr(go, "import (\n\t\"database/sql\"\n\t\"encoding/json\"\n\n\t\"github.com/shopspring/decimal\"\n)\n"));
	free(go);

	/* --tables order and a missing table */
	parse_ok("CREATE TABLE a (x INT); CREATE TABLE b (y INT);");
	const char *const tables[] = {"b", "a", NULL};
	sql_gen_options_init(&o);
	o.tables = tables;
	go = emit(&o);
	assert_true(strstr(go, "type B struct") < strstr(go, "type A struct"));
	free(go);
	const char *const missing[] = {"c", NULL};
	o.tables = missing;
	struct strbuf out = STRBUF_INIT;
	struct bagu_err err;
	assert_int_equal(sql_emit_go(&S, &o, &out, &err), -1);
	assert_string_equal(err.msg, "no table 'c' in the input");
	assert_int_equal(out.len, 0);
	o.tables = NULL;
	o.package = "func";
	assert_int_equal(sql_emit_go(&S, &o, &out, &err), -1);
	strbuf_release(&out);

	/* prefix key parts: gorm's per-field length option, after priority */
	parse_ok("CREATE TABLE p (id INT, name VARCHAR(50), bio TEXT, KEY idx (name(10)), KEY c (id, bio(100)), UNIQUE KEY u (name));");
	go = emit(NULL);
	assert_non_null(strstr(go, "gorm:\"column:name;type:varchar(50);index:idx,length:10;uniqueIndex:u\""));
	assert_non_null(strstr(go, "gorm:\"column:bio;type:text;index:c,priority:2,length:100\""));
	assert_non_null(strstr(go, "gorm:\"column:id;type:int;index:c,priority:1\""));
	free(go);
	assert_string_equal(parse_err("CREATE TABLE p (a TEXT, KEY (a(0)))"), "t.sql:1:32: a key prefix is one length above 0: col(n)");
}

static void test_emit_comments(void **state)
{
	(void)state;
	/* control characters, invalid UTF-8 and BOM never reach Go source raw */
	parse_ok("CREATE TABLE c (a INT COMMENT 'x\\ty\\rz \xEF\xBB\xBF \xff end  ') COMMENT 'one\\ntwo';");
	char *go = emit(NULL);
	assert_non_null(strstr(go, "// C one two\n"));
	assert_non_null(strstr(go, "comment:x\\ty\\u000dz \\ufeff \\xff end  \" json:\"a\"` // x y z   \xEF\xBF\xBD end\n"));
	free(go);
}

static int teardown(void **state)
{
	(void)state;
	sql_schema_release(&S);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_types_mysql8),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_dump_noise),
		cmocka_unit_test(test_missing_semicolon),
		cmocka_unit_test(test_alter),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_keep_going),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_emit),
		cmocka_unit_test(test_emit_comments),
	};
	sql_schema_init(&S);
	return cmocka_run_group_tests(tests, NULL, teardown);
}
