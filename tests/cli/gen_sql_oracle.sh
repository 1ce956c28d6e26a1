#!/usr/bin/env bash
# gen_sql_oracle — `bagu gen sql` checked against a real MariaDB server.
#
# Starts a private mariadbd (own datadir and Unix socket, no networking, no grant
# tables), loads every DDL fixture of tests/fixtures/sql (except no_oracle.sql, whose
# statements MariaDB treats differently from MySQL 8 — see docs/gen-sql.md), then:
#   1. for every column of every base table, the parser's model (bagu gen sql
#      --dump-model --flavor=mariadb) must equal information_schema.COLUMNS exactly in
#      DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLUMN_COMMENT and
#      COLUMN_KEY. The MariaDB spellings (int(11), 'quoted' string defaults, "NULL",
#      current_timestamp(), json as longtext) are produced by the model's mariadb
#      flavor; each difference from MySQL 8 is listed in docs/gen-sql.md;
#   2. bagu gen sql --dsn against the server prints byte-identical Go to the DDL's,
#      under several option sets.
# The same for the migration set tests/fixtures/sql-migrations (CREATE, then ALTER
# TABLE / RENAME TABLE across files, applied in name order by both).
# The server is always stopped (trap), also on failure.
. "$(dirname "$0")/lib.bash"

for tool in mariadbd mariadb-install-db mariadb jq; do
	command -v "$tool" >/dev/null || { bad "$tool is not installed (scripts/setup.sh installs it)"; finish; exit 1; }
done

D="$T_TMP/mdb"
mkdir -p "$D"
SOCK="$D/sock"
stop_server() {
	if [ -f "$D/pid" ]; then
		local pid
		pid=$(cat "$D/pid")
		kill "$pid" 2>/dev/null
		for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$pid" 2>/dev/null
	fi
	rm -rf "$T_TMP"
}
trap stop_server EXIT

user_args=()
[ "$(id -u)" -eq 0 ] && user_args=(--user=root)
if ! mariadb-install-db --no-defaults --datadir="$D/data" --auth-root-authentication-method=normal \
	--skip-test-db "${user_args[@]}" >"$D/install.log" 2>&1; then
	bad "mariadb-install-db failed: $(tail -5 "$D/install.log")"
	finish; exit 1
fi
mariadbd --no-defaults --datadir="$D/data" --socket="$SOCK" --pid-file="$D/pid" --skip-networking \
	--skip-grant-tables "${user_args[@]}" >"$D/server.log" 2>&1 &
for _ in $(seq 150); do
	mariadb --no-defaults -S "$SOCK" -e 'SELECT 1' >/dev/null 2>&1 && break
	sleep 0.1
done
M=(mariadb --no-defaults -S "$SOCK" --default-character-set=utf8mb4)
if ! "${M[@]}" -e 'SELECT 1' >/dev/null 2>&1; then
	bad "mariadbd did not start: $(tail -5 "$D/server.log")"
	finish; exit 1
fi
ok
echo "server: $("${M[@]}" -N -e 'SELECT VERSION()')"

columns=0
# compare NAME DB FILE...: the server's database DB (loaded from FILE... in name order)
# against bagu's model of the same files
compare() {
	local name=$1 db=$2
	shift 2
	# 1. information_schema.COLUMNS of base tables vs the parser's model
	"${M[@]}" -N -B --raw -e "SELECT JSON_OBJECT('table', c.TABLE_NAME, 'pos', c.ORDINAL_POSITION,
		'name', c.COLUMN_NAME, 'data_type', c.DATA_TYPE, 'column_type', c.COLUMN_TYPE,
		'is_nullable', c.IS_NULLABLE, 'column_default', c.COLUMN_DEFAULT, 'extra', c.EXTRA,
		'comment', c.COLUMN_COMMENT, 'column_key', c.COLUMN_KEY)
		FROM information_schema.COLUMNS c JOIN information_schema.TABLES t
		  ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
		WHERE c.TABLE_SCHEMA = '$db' AND t.TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')" |
		jq -S -c . | LC_ALL=C sort >"$D/$name.server"
	run "$BAGU" gen sql --dump-model --flavor=mariadb "$@"
	expect_rc 0 "$name: --dump-model"
	jq -S -c '.tables[] as $t | $t.columns | to_entries[] | .value + {table: $t.name, pos: (.key + 1)}
		| {table, pos, name, data_type, column_type, is_nullable, column_default, extra, comment, column_key}' \
		<<<"$OUT" | LC_ALL=C sort >"$D/$name.model"
	n=$(wc -l <"$D/$name.server")
	if [ "$n" -gt 0 ] && diff "$D/$name.server" "$D/$name.model" >"$D/$name.diff"; then
		ok
		columns=$((columns + n))
	else
		bad "$name: model differs from information_schema (< server, > bagu):
$(head -20 "$D/$name.diff")"
	fi
	# 2. --dsn prints the same Go as the DDL (tables in the DDL's order)
	tables=$(jq -r '[.tables[].name] | join(",")' <<<"$OUT")
	for opts in "" "--null=sql --decimal=float64" "--tinyint1-bool --tags=gorm,json,db --json-case=camel" "--decimal=shopspring"; do
		# shellcheck disable=SC2086
		run "$BAGU" gen sql $opts --tables="$tables" "$@"
		expect_rc 0 "$name: gen sql $opts (DDL)"
		ddl=$OUT
		# shellcheck disable=SC2086
		run "$BAGU" gen sql $opts --tables="$tables" --dsn "mysql://root@localhost/$db?socket=$SOCK"
		expect_rc 0 "$name: gen sql $opts --dsn"
		if [ "$ddl" = "$OUT" ]; then ok; else
			bad "$name: --dsn $opts differs from the DDL output:
$(diff <(echo "$ddl") <(echo "$OUT") | head -20)"
		fi
	done
}

for f in "$BAGU_SRC"/tests/fixtures/sql/*.sql; do
	name=$(basename "$f" .sql)
	[ "$name" = no_oracle ] && continue
	db="o_$name"
	"${M[@]}" -e "CREATE DATABASE \`$db\` CHARACTER SET utf8mb4" || { bad "$name: create database"; continue; }
	if ! "${M[@]}" "$db" <"$f" >"$D/$name.load" 2>&1; then
		bad "$name: MariaDB rejects the fixture: $(tail -3 "$D/$name.load")"
		continue
	fi
	ok
	compare "$name" "$db" "$f"
done

# a migration directory: the server runs its files one by one in name order (each
# as the mysql client runs a file: a final ';' may be missing), bagu reads them all
# at once, given in reverse order (it sorts them by name itself)
mig=("$BAGU_SRC"/tests/fixtures/sql-migrations/*.sql)
"${M[@]}" -e 'CREATE DATABASE o_migrations CHARACTER SET utf8mb4' || bad "migrations: create database"
loaded=1
for f in "${mig[@]}"; do
	if ! "${M[@]}" o_migrations <"$f" >"$D/migrations.load" 2>&1; then
		bad "migrations: MariaDB rejects $(basename "$f"): $(tail -3 "$D/migrations.load")"
		loaded=0
		break
	fi
done
if [ "$loaded" = 1 ]; then
	ok
	reversed=()
	for ((k = ${#mig[@]} - 1; k >= 0; k--)); do reversed+=("${mig[k]}"); done
	compare migrations o_migrations "${reversed[@]}"
fi
echo "compared $columns columns with information_schema"
[ "$columns" -gt 200 ] && ok || bad "only $columns columns compared"

# --dsn errors: a missing table, a wrong database, a malformed DSN
run "$BAGU" gen sql --tables=nope --dsn "mysql://root@localhost/o_keys?socket=$SOCK"
expect_rc 1 "dsn missing table"
expect_err "no table 'nope'" "dsn missing table message"
run "$BAGU" gen sql --dsn "mysql://root@localhost/no_such_db?socket=$SOCK"
expect_rc 1 "dsn unknown database"
expect_err "cannot connect" "dsn unknown database message"
run "$BAGU" gen sql --dsn "postgres://x@y/z"
expect_rc 1 "dsn scheme"
expect_err "mysql://" "dsn scheme message"
finish
