#!/usr/bin/env bash
# gen_sql — `bagu gen sql` end to end without a server: the Go generated for every
# DDL fixture compiles, passes go vet and is gofmt-clean under every option set
# (--decimal=shopspring against a stub github.com/shopspring/decimal written into a
# temporary GOPATH: the real package is not available offline); the type mapping and
# tags of a known table; error positions, --keep-going, warnings, --tables, -o and
# usage errors. The server oracle is gen_sql_oracle.sh.
. "$(dirname "$0")/lib.bash"

# Go 1.27 (what users run) compiles, vets, tests and formats; Go 1.23 (the oldest Go that
# docs/gen.md promises) must compile the same packages.
GO=${GO:-/usr/lib/go-1.27/bin/go}
GO_OLD=${GO_OLD:-/usr/lib/go-1.23/bin/go}
[ -x "$GO" ] && [ -x "$GO_OLD" ] || GO=
GOFMT=$(dirname "$GO")/gofmt
FX="$BAGU_SRC/tests/fixtures/sql"

# ---- generated Go compiles, vets and is gofmt-clean ----
if [ -z "$GO" ]; then
	bad "no Go 1.27 and 1.23 toolchains (scripts/setup.sh installs golang-1.27-go and golang-1.23-go)"
else
	GP="$T_TMP/gopath"
	mkdir -p "$GP/src/github.com/shopspring/decimal"
	cat >"$GP/src/github.com/shopspring/decimal/decimal.go" <<'EOF'
// Package decimal is a compile-only stub of github.com/shopspring/decimal for tests:
// the two types bagu's generated code names, with the database interfaces they have.
package decimal

import "database/sql/driver"

type Decimal struct{ v string }

func (d *Decimal) Scan(value any) error   { return nil }
func (d Decimal) Value() (driver.Value, error) { return d.v, nil }

type NullDecimal struct {
	Decimal Decimal
	Valid   bool
}

func (d *NullDecimal) Scan(value any) error   { return nil }
func (d NullDecimal) Value() (driver.Value, error) { return nil, nil }
EOF
	export GOPATH="$GP" GO111MODULE=off GOTOOLCHAIN=local GOPROXY=off GOFLAGS=
	[ -n "${GOCACHE:-}" ] || export GOCACHE="$T_TMP/gocache"
	n=0
	# a directory is a migration set: all its files form one schema
	for f in "$FX"/*.sql "$BAGU_SRC/tests/fixtures/sql-migrations"; do
		name=$(basename "$f" .sql | tr -c 'a-z0-9_\n' _)
		inputs=("$f")
		[ -d "$f" ] && inputs=("$f"/*.sql)
		i=0
		while IFS= read -r opts; do
			i=$((i + 1))
			pkg="p${name}_$i"
			mkdir -p "$GP/src/$pkg"
			# shellcheck disable=SC2086
			run "$BAGU" gen sql --package "$pkg" $opts -o "$GP/src/$pkg/model.go" "${inputs[@]}"
			expect_rc 0 "$name $opts: gen"
			cat >"$GP/src/$pkg/use_test.go" <<EOF
package $pkg

import "testing"

// Every generated type has its TableName method.
func TestTableNames(t *testing.T) {
	for _, m := range []interface{ TableName() string }{$(grep -oE '^func \(([A-Za-z0-9_]|[^ ])+\)' "$GP/src/$pkg/model.go" | sed -E 's/^func \((.*)\)/\1{}, /' | tr -d '\n')} {
		if m.TableName() == "" {
			t.Fatal("empty table name")
		}
	}
}
EOF
			pkgs+=("$pkg")
			n=$((n + 1))
		done <<'EOF'

--null=sql
--decimal=float64 --tinyint1-bool --tags=gorm,json,db --json-case=camel
--decimal=shopspring
--decimal=shopspring --null=sql --tags=db
EOF
	done
	unformatted=$("$GOFMT" -l "$GP"/src/p*/model.go)
	[ -z "$unformatted" ] && ok || bad "not gofmt-clean: $unformatted"
	if (cd "$GP/src" && "$GO" vet "${pkgs[@]}" >"$T_TMP/vet.log" 2>&1); then ok; else bad "go vet: $(grep -v '^ok' "$T_TMP/vet.log" | head -20)"; fi
	if (cd "$GP/src" && "$GO" test "${pkgs[@]}" >"$T_TMP/test.log" 2>&1); then ok; else bad "go test: $(grep -v '^ok' "$T_TMP/test.log" | head -20)"; fi
	if (cd "$GP/src" && "$GO_OLD" build "${pkgs[@]}" >"$T_TMP/old.log" 2>&1); then ok; else bad "go1.23 build: $(head -20 "$T_TMP/old.log")"; fi
	echo "compiled $n generated files"
fi

# ---- the type mapping of a known table ----
run "$BAGU" gen sql "$FX/mysqldump_shop.sql"
expect_rc 0 "shop"
expect_out '// SysUser 系统用户表' "table comment as doc comment"
expect_out 'ID         uint64           `gorm:"column:id;type:bigint unsigned;primaryKey;autoIncrement;not null;comment:用户ID" json:"id"`' "bigint unsigned"
expect_out 'Middlename *string' "middlename stays one word"
expect_out 'AvatarURL  *string' "initialism URL"
expect_out 'Status     int8 ' "tinyint(1) is int8 by default"
expect_out 'IsAdmin    bool ' "bit(1) is bool"
expect_out 'Balance    string ' "decimal is string"
expect_out 'default:0.00' "decimal default"
expect_out 'LoginIP    []byte' "varbinary is []byte, nullable or not"
expect_out 'Profile    *json.RawMessage' "json"
expect_out 'CreatedAt  time.Time' "datetime"
expect_out 'comment:邮箱\\; 可为空' "gorm escapes ';'"
expect_out 'Quantity  uint32 ' "mediumint unsigned is uint32"
expect_out 'Discount  float32 ' "float is float32"
expect_out 'Weight *int16 ' "year is int16"
expect_out 'Opened *string ' "time is string"
expect_out 'index:idx_sku_user,priority:1' "composite index priority"
expect_out 'primaryKey;not null;comment:明细行号' "composite primary key"
expect_out 'func (OrderDetail) TableName() string {' "TableName"
expect_no_out 'VActiveUser' "a view's placeholder table is dropped"
run "$BAGU" gen sql --tinyint1-bool --decimal=shopspring --null=sql "$FX/mysqldump_shop.sql"
expect_out 'Status     bool ' "--tinyint1-bool"
expect_out 'Balance    decimal.Decimal ' "--decimal=shopspring"
expect_out 'WeightKg  sql.NullFloat64 ' "--null=sql"
expect_out '"github.com/shopspring/decimal"' "decimal import"
run "$BAGU" gen sql --tables=order_detail,sys_user --package=shop "$FX/mysqldump_shop.sql"
expect_rc 0 "--tables"
expect_out 'package shop' "--package"
[ "$(grep -o '^type [A-Za-z]*' <<<"$OUT" | tr '\n' ' ')" = "type OrderDetail type SysUser " ] && ok || bad "--tables order: $(grep '^type' <<<"$OUT")"

# deterministic: two runs, byte-identical
a=$("$BAGU" gen sql "$FX"/*.sql 2>/dev/null | md5sum); b=$("$BAGU" gen sql "$FX"/*.sql 2>/dev/null | md5sum)
[ "$a" = "$b" ] && ok || bad "output differs between runs"

# ---- warnings, errors, --keep-going ----
run "$BAGU" gen sql "$FX/syntax.sql"
expect_rc 0 "syntax.sql"
printf 'CREATE TABLE a (x INT);\nALTER TABLE a ADD y INT;\nGRANT ALL ON *.* TO u;\nCREATE SYNONYM s FOR a;\n' >"$T_TMP/warn.sql"
run "$BAGU" gen sql "$T_TMP/warn.sql"
expect_rc 0 "warning is not an error"
expect_err "warn.sql:4:1: warning: unsupported statement 'CREATE SYNONYM s'" "warning with position"
expect_out "Y *int32" "ALTER TABLE ADD applied"

# several files: one schema, applied in name order whatever the argument order
MIG="$BAGU_SRC/tests/fixtures/sql-migrations"
run "$BAGU" gen sql "$MIG/0003_reshape.sql" "$MIG/0001_init.sql" "$MIG/0002_add_columns.sql"
expect_rc 0 "migrations in name order"
expect_out "type EventLog struct" "RENAME TABLE across files"
expect_out 'Nick      *string' "CHANGE COLUMN across files"
mkdir -p "$T_TMP/mig"
printf 'CREATE TABLE a (x INT);\n' >"$T_TMP/mig/0001_a.sql"
printf 'ALTER TABLE a ADD y INT,\n  DROP COLUMN nope;\n' >"$T_TMP/mig/0002_b.sql"
printf 'ALTER TABLE b ADD z INT;\n' >"$T_TMP/mig/0003_c.sql"
run "$BAGU" gen sql "$T_TMP/mig/0003_c.sql" "$T_TMP/mig/0002_b.sql" "$T_TMP/mig/0001_a.sql"
expect_rc 1 "bad migration"
[ "$ERR" = "$T_TMP/mig/0002_b.sql:2:15: unknown column 'nope' in table 'a'" ] && ok || bad "migration error: $ERR"
run "$BAGU" gen sql --keep-going "$T_TMP/mig/"*.sql
expect_rc 1 "bad migrations, --keep-going"
[ "$ERR" = "$T_TMP/mig/0002_b.sql:2:15: unknown column 'nope' in table 'a'
$T_TMP/mig/0003_c.sql:1:13: ALTER TABLE: table 'b' is not defined before" ] && ok || bad "migration errors: $ERR"
expect_out "X *int32" "failed ALTER leaves the table"
expect_no_out "Y " "failed ALTER adds nothing"
printf 'CREATE TABLE good1 (x INT);\nCREATE TABLE bad (\n  x INT,\n  y FOO(3)\n);\nCREATE TABLE good2 (z VARCHAR);\nCREATE TABLE good3 (w INT);\n' >"$T_TMP/bad.sql"
run "$BAGU" gen sql "$T_TMP/bad.sql"
expect_rc 1 "bad DDL"
expect_err "bad.sql:4:5: unknown column type 'FOO'" "error position"
[ -z "$OUT" ] && ok || bad "output on error without --keep-going"
run "$BAGU" gen sql --keep-going "$T_TMP/bad.sql"
expect_rc 1 "--keep-going still fails"
expect_err "bad.sql:4:5: unknown column type 'FOO'" "--keep-going first error"
expect_err "bad.sql:6:23: varchar needs a length" "--keep-going second error"
expect_out "type Good1 struct" "--keep-going good table 1"
expect_out "type Good3 struct" "--keep-going good table 3"
expect_no_out "type Bad " "--keep-going bad table"
printf "CREATE TABLE t (x VARCHAR(3) DEFAULT 'abc" >"$T_TMP/unterminated.sql"
run "$BAGU" gen sql "$T_TMP/unterminated.sql"
expect_rc 1 "unterminated string"
expect_err "unterminated.sql:1:38: unterminated string" "unterminated position"
# statements without ';' (pasted DDL, hand-written migrations)
printf 'SET NAMES utf8mb4\nCREATE TABLE a (\n  x INT\n)\nCREATE TABLE b (y INT)' >"$T_TMP/nosemi.sql"
run "$BAGU" gen sql "$T_TMP/nosemi.sql"
expect_rc 0 "missing ';'"
expect_out "type A struct" "missing ';': first table"
expect_out "type B struct" "missing ';': last table"
printf 'CREATE TABLE a (\n  x INT\nCREATE TABLE b (y INT);\n' >"$T_TMP/nosemi2.sql"
run "$BAGU" gen sql "$T_TMP/nosemi2.sql"
expect_rc 1 "missing ')' and ';'"
[ "$ERR" = "$T_TMP/nosemi2.sql:3:1: expected a column attribute, found 'CREATE'" ] && ok || bad "missing ';' message: $ERR"
printf 'CREATE TABLE a (x INT) CREATE TABLE b (y INT);\n' >"$T_TMP/nosemi3.sql"
run "$BAGU" gen sql "$T_TMP/nosemi3.sql"
expect_rc 1 "missing ';' on one line"
[ "$ERR" = "$T_TMP/nosemi3.sql:1:24: expected a table option, found 'CREATE' (a missing ';' before it?)" ] && ok || bad "one-line message: $ERR"
run "$BAGU" gen sql "$T_TMP/none.sql"
expect_rc 1 "missing file"
printf 'SET NAMES utf8;\n' >"$T_TMP/empty.sql"
run "$BAGU" gen sql "$T_TMP/empty.sql"
expect_rc 1 "no tables"
expect_err "no CREATE TABLE" "no tables message"
run "$BAGU" gen sql --tables=nope "$FX/keys.sql"
expect_rc 1 "unknown --tables"
expect_err "no table 'nope'" "unknown --tables message"

# stdin, -o (atomic; nothing written on failure)
run bash -c "printf 'CREATE TABLE s (a INT);' | '$BAGU' gen sql"
expect_out "type S struct" "stdin"
run "$BAGU" gen sql -o "$T_TMP/out.go" "$FX/keys.sql"
expect_rc 0 "-o"
grep -q "type OrderItem struct" "$T_TMP/out.go" && ok || bad "-o file content"
run "$BAGU" gen sql -o "$T_TMP/out2.go" "$T_TMP/bad.sql"
[ ! -e "$T_TMP/out2.go" ] && ok || bad "-o written on failure"

# usage errors
for o in --decimal=money --null=zero --json-case=kebab --tags=xml --flavor=oracle --bogus; do
	run "$BAGU" gen sql "$o" "$FX/keys.sql"
	expect_rc 2 "usage $o"
done
run "$BAGU" gen sql --dsn mysql://a@b/c "$FX/keys.sql"
expect_rc 2 "--dsn with files"

# --dump-model
run "$BAGU" gen sql --dump-model "$FX/keys.sql"
expect_rc 0 "--dump-model"
[ "$(jq -r '.tables[] | select(.name == "no_pk") | [.columns[].column_key] | join(",")' <<<"$OUT")" = "UNI,PRI,PRI,UNI" ] && ok || bad "no_pk keys: $OUT"
[ "$(jq -r '.tables[1].columns[0].column_type' <<<"$OUT")" = "bigint" ] && ok || bad "mysql flavor column type"
run "$BAGU" gen sql --dump-model --flavor=mariadb "$FX/keys.sql"
[ "$(jq -r '.tables[1].columns[0].column_type' <<<"$OUT")" = "bigint(20)" ] && ok || bad "mariadb flavor column type"
finish
