/* sqlrun — checked SQL examples against a private MariaDB server. See sqlrun.h. */
#include "kb/sqlrun.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if __has_include(<mysql.h>)
#include <mysql.h>

#define BLOCK_PROBE_MS 300
#define RESUME_WAIT_MS 10000
#define READ_TIMEOUT_S 30
#define MAX_RESULT_ROWS 1000

/* MySQL 8.0's default sql_mode, so that examples behave as they do there. */
static const char mysql8_sql_mode[] = "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
				      "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

struct mdb {
	char *dir, *sock, *version;
	pid_t pid;
};

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* The first of PATH, /usr/sbin, /usr/bin holding an executable name (malloc'd). */
static char *find_tool(const char *name)
{
	const char *path = getenv("PATH");
	char *all = xasprintf("%s:/usr/sbin:/usr/bin:/sbin", path ? path : ""), *save = NULL;
	for (char *d = strtok_r(all, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
		if (!*d)
			continue;
		char *p = xasprintf("%s/%s", d, name);
		if (access(p, X_OK) == 0) {
			free(all);
			return p;
		}
		free(p);
	}
	free(all);
	return NULL;
}

/* fork/exec argv with stdout+stderr to log; background: don't wait (returns the pid). */
static pid_t spawn(char *const argv[], const char *log)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);
		int in = open("/dev/null", O_RDONLY);
		if (fd < 0 || in < 0)
			_exit(127);
		dup2(in, 0), dup2(fd, 1), dup2(fd, 2);
		close(fd), close(in);
		setpgid(0, 0);
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

static int wait_status(pid_t pid)
{
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static char *log_tail(const char *log)
{
	struct strbuf sb = STRBUF_INIT;
	struct bagu_err e;
	if (read_file(log, 1 << 20, &sb, &e)) {
		strbuf_release(&sb);
		return xstrdup("(no log)");
	}
	strbuf_rtrim(&sb);
	const char *t = sb.buf + (sb.len > 400 ? sb.len - 400 : 0);
	char *r = xstrdup(t);
	strbuf_release(&sb);
	return r;
}

static MYSQL *connect_db(const struct mdb *m, const char *db, struct bagu_err *err)
{
	MYSQL *c = mysql_init(NULL);
	if (!c) {
		bagu_error(err, "mysql_init failed");
		return NULL;
	}
	unsigned timeout = READ_TIMEOUT_S;
	mysql_options(c, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(c, MYSQL_OPT_READ_TIMEOUT, &timeout);
	mysql_options(c, MYSQL_OPT_WRITE_TIMEOUT, &timeout);
	if (!mysql_real_connect(c, NULL, "root", "", db, 0, m->sock, CLIENT_MULTI_RESULTS)) {
		bagu_error(err, "cannot connect to the example server: %s", mysql_error(c));
		mysql_close(c);
		return NULL;
	}
	return c;
}

int mdb_start(struct mdb **out, const char *dir, struct bagu_err *err)
{
	*out = NULL;
	char *install = find_tool("mariadb-install-db"), *server = find_tool("mariadbd");
	if (!install || !server) {
		free(install), free(server);
		return bagu_error(err, "MariaDB server not found (scripts/setup.sh installs mariadb-server)");
	}
	struct mdb *m = xcalloc(1, sizeof(*m));
	m->dir = xstrdup(dir);
	m->sock = xasprintf("%s/sock", dir);
	m->pid = -1;
	char *data = xasprintf("--datadir=%s/data", dir), *log = xasprintf("%s/server.log", dir);
	char *sockarg = xasprintf("--socket=%s", m->sock), *pidarg = xasprintf("--pid-file=%s/pid", dir);
	char *errlog = xasprintf("--log-error=%s", log);
	char *mode = xasprintf("--sql-mode=%s", mysql8_sql_mode);
	bool root = getuid() == 0;
	int rc = 0;
	char *iargv[] = {install, "--no-defaults", data, "--auth-root-authentication-method=normal",
			 "--skip-test-db", root ? "--user=root" : NULL, NULL};
	pid_t ip = spawn(iargv, log);
	if (ip < 0 || wait_status(ip) != 0) {
		char *t = log_tail(log);
		rc = bagu_error(err, "mariadb-install-db failed: %s", t);
		free(t);
		goto out;
	}
	char *sargv[] = {server,
			 "--no-defaults",
			 data,
			 sockarg,
			 pidarg,
			 errlog,
			 "--skip-networking",
			 "--character-set-server=utf8mb4",
			 "--collation-server=utf8mb4_general_ci",
			 mode,
			 "--innodb-buffer-pool-size=64M",
			 "--skip-log-bin",
			 root ? "--user=root" : NULL,
			 NULL};
	m->pid = spawn(sargv, log);
	if (m->pid < 0) {
		rc = bagu_error(err, "cannot start mariadbd: %s", strerror(errno));
		goto out;
	}
	MYSQL *c = NULL;
	struct bagu_err e;
	for (int i = 0; i < 300 && !c; i++) { /* 30 s */
		int st;
		if (waitpid(m->pid, &st, WNOHANG) == m->pid) {
			m->pid = -1;
			break;
		}
		if (access(m->sock, F_OK) == 0)
			c = connect_db(m, NULL, &e);
		if (!c)
			sleep_ms(100);
	}
	if (!c) {
		char *t = log_tail(log);
		rc = bagu_error(err, "mariadbd did not start: %s", t);
		free(t);
		goto out;
	}
	m->version = xstrdup(mysql_get_server_info(c));
	mysql_close(c);
out:
	free(install), free(server), free(data), free(log), free(sockarg), free(pidarg), free(errlog), free(mode);
	if (rc)
		mdb_stop(m);
	else
		*out = m;
	return rc;
}

const char *mdb_version(const struct mdb *m)
{
	return m->version;
}

const char *mdb_socket(const struct mdb *m)
{
	return m->sock;
}

void mdb_stop(struct mdb *m)
{
	if (!m)
		return;
	if (m->pid > 0) {
		kill(m->pid, SIGTERM);
		int st;
		for (int i = 0; i < 200; i++) {
			if (waitpid(m->pid, &st, WNOHANG) == m->pid) {
				m->pid = -1;
				break;
			}
			sleep_ms(100);
		}
		if (m->pid > 0) {
			kill(m->pid, SIGKILL);
			waitpid(m->pid, &st, 0);
		}
	}
	free(m->dir), free(m->sock), free(m->version);
	free(m);
}

int mdb_create_db(struct mdb *m, const char *name, struct bagu_err *err)
{
	if (!*name || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(name))
		return bagu_error(err, "bad database name '%s'", name);
	MYSQL *c = connect_db(m, NULL, err);
	if (!c)
		return -1;
	char *q = xasprintf("CREATE DATABASE `%s` CHARACTER SET utf8mb4", name);
	int rc = 0;
	if (mysql_query(c, q))
		rc = bagu_error(err, "%s: %s", q, mysql_error(c));
	free(q);
	mysql_close(c);
	return rc;
}

/* ---- one statement ---- */

struct result {
	unsigned error; /* 0: success */
	char *error_text;
	bool has_rows;
	char **names;
	size_t ncols;
	char ***rows; /* rows[r][c], "NULL" for NULL */
	size_t nrows;
	unsigned long long affected;
};

static void result_release(struct result *r)
{
	free(r->error_text);
	for (size_t i = 0; i < r->ncols; i++)
		free(r->names[i]);
	free(r->names);
	for (size_t i = 0; i < r->nrows; i++) {
		for (size_t j = 0; j < r->ncols; j++)
			free(r->rows[i][j]);
		free(r->rows[i]);
	}
	free(r->rows);
	memset(r, 0, sizeof(*r));
}

static void exec_stmt(MYSQL *c, const char *sql, struct result *r)
{
	memset(r, 0, sizeof(*r));
	if (mysql_real_query(c, sql, strlen(sql))) {
		r->error = mysql_errno(c);
		r->error_text = xstrdup(mysql_error(c));
		return;
	}
	bool first = true;
	do {
		MYSQL_RES *res = mysql_store_result(c);
		if (first) {
			if (res) {
				r->has_rows = true;
				r->ncols = mysql_num_fields(res);
				MYSQL_FIELD *f = mysql_fetch_fields(res);
				r->names = xmalloc((r->ncols + 1) * sizeof(char *));
				for (size_t i = 0; i < r->ncols; i++)
					r->names[i] = xstrdup(f[i].name);
				size_t alloc = 0;
				MYSQL_ROW row;
				while ((row = mysql_fetch_row(res)) && r->nrows < MAX_RESULT_ROWS) {
					unsigned long *len = mysql_fetch_lengths(res);
					char **cells = xmalloc((r->ncols + 1) * sizeof(char *));
					for (size_t i = 0; i < r->ncols; i++) {
						if (!row[i])
							cells[i] = xstrdup("NULL");
						else {
							cells[i] = xmalloc(len[i] + 1);
							memcpy(cells[i], row[i], len[i]);
							cells[i][len[i]] = '\0';
						}
					}
					XGROW(r->rows, alloc, r->nrows + 1);
					r->rows[r->nrows++] = cells;
				}
			} else if (mysql_field_count(c) == 0)
				r->affected = mysql_affected_rows(c);
			else {
				r->error = mysql_errno(c);
				r->error_text = xstrdup(mysql_error(c));
			}
			first = false;
		}
		if (res)
			mysql_free_result(res);
	} while (mysql_next_result(c) == 0);
	if (!r->error && mysql_errno(c)) {
		r->error = mysql_errno(c);
		r->error_text = xstrdup(mysql_error(c));
	}
}

static void format_table(struct strbuf *sb, const struct result *r)
{
	for (size_t i = 0; i < r->ncols; i++)
		strbuf_addf(sb, "%s%s", i ? " | " : "", r->names[i]);
	strbuf_addch(sb, '\n');
	for (size_t k = 0; k < r->nrows; k++) {
		for (size_t i = 0; i < r->ncols; i++)
			strbuf_addf(sb, "%s%s", i ? " | " : "", r->rows[k][i]);
		strbuf_addch(sb, '\n');
	}
	strbuf_rtrim(sb);
}

static bool row_equals(char **cells, size_t n, char *const *got, size_t ng)
{
	if (n != ng)
		return false;
	for (size_t i = 0; i < n; i++)
		if (strcmp(cells[i], got[i]))
			return false;
	return true;
}

static void free_cells(char **cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
}

/* Checks r against e; returns 0 or -1 with err (and *line set to e->line). */
static int check_expect(const struct sql_step *st, const struct result *r, int *line, struct bagu_err *err)
{
	const struct sql_expect *e = &st->expect;
	*line = e->line ? e->line : st->line;
	if (e->has_error) {
		if (!r->error)
			return bagu_error(err, "statement succeeded, want error %u", e->error);
		if (r->error != e->error)
			return bagu_error(err, "error %u (%s), want error %u", r->error, r->error_text, e->error);
		return 0;
	}
	if (r->error) {
		*line = st->line;
		return bagu_error(err, "statement failed: error %u: %s", r->error, r->error_text);
	}
	if (e->has_affected && r->affected != e->affected)
		return bagu_error(err, "%llu row(s) affected, want %llu", r->affected, e->affected);
	if (e->has_output) {
		if (!r->has_rows)
			return bagu_error(err, "statement returned no result set, want -- Output:");
		bool same = true;
		if (e->output_empty)
			same = r->nrows == 0;
		else if (e->nrows != r->nrows + 1)
			same = false;
		else
			for (size_t k = 0; k < e->nrows && same; k++) {
				size_t n;
				char **cells = sql_split_row(e->rows[k], &n);
				same = row_equals(cells, n, k ? r->rows[k - 1] : r->names, r->ncols);
				free_cells(cells, n);
			}
		if (!same) {
			struct strbuf want = STRBUF_INIT, got = STRBUF_INIT;
			if (e->output_empty)
				strbuf_addstr(&want, "(empty)");
			for (size_t k = 0; k < e->nrows; k++) {
				size_t n;
				char **cells = sql_split_row(e->rows[k], &n);
				for (size_t i = 0; i < n; i++)
					strbuf_addf(&want, "%s%s", i ? " | " : "", cells[i]);
				strbuf_addch(&want, '\n');
				free_cells(cells, n);
			}
			strbuf_rtrim(&want);
			format_table(&got, r);
			int rc = bagu_error(err, "output differs\n--- want\n%s\n--- got\n%s", want.buf, got.buf);
			strbuf_release(&want), strbuf_release(&got);
			return rc;
		}
	}
	for (size_t s = 0; s < e->nchecksets; s++) {
		if (!r->has_rows)
			return bagu_error(err, "statement returned no result set, want -- Check:");
		size_t row = e->checks[s].row;
		if (row > r->nrows)
			return bagu_error(err, "-- Check row %zu: the result has %zu row(s)", row, r->nrows);
		for (size_t k = 0; k < e->checks[s].nchecks; k++) {
			const struct sql_check *c = &e->checks[s].checks[k];
			size_t col = 0;
			while (col < r->ncols && strcasecmp(r->names[col], c->column))
				col++;
			if (col == r->ncols)
				return bagu_error(err, "-- Check: the result has no column '%s'", c->column);
			const char *v = r->rows[row - 1][col];
			bool okv;
			switch (c->op) {
			case SQL_EQ:
				okv = !strcmp(v, c->value);
				break;
			case SQL_CONTAINS:
				okv = strstr(v, c->value) != NULL;
				break;
			default: {
				char *end;
				double got = strtod(v, &end), want = strtod(c->value, NULL);
				okv = end != v && (c->op == SQL_LT ? got < want : got > want);
			}
			}
			if (!okv)
				return bagu_error(err, "row %zu: %s is '%s', want %s%s", row, r->names[col], v,
						  c->op == SQL_EQ ? "= " : c->op == SQL_CONTAINS ? "to contain " :
						  c->op == SQL_LT ? "< " : "> ", c->value);
		}
	}
	return 0;
}

/* ---- blocked statements on threads ---- */

struct pending {
	const struct sql_step *st;
	MYSQL *c;
	pthread_t th;
	bool started;
	int done; /* atomic */
	struct result r;
};

static void *pending_main(void *arg)
{
	struct pending *p = arg;
	exec_stmt(p->c, p->st->sql, &p->r);
	__atomic_store_n(&p->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/* Waits for p (wait_ms at most; then kills its connection). Returns true if it ended by itself. */
static bool pending_wait(struct mdb *m, struct pending *p, const char *db, int wait_ms)
{
	bool ended = true;
	for (int i = 0; i < wait_ms / 10 && !__atomic_load_n(&p->done, __ATOMIC_ACQUIRE); i++)
		sleep_ms(10);
	if (!__atomic_load_n(&p->done, __ATOMIC_ACQUIRE)) {
		ended = false;
		struct bagu_err e;
		MYSQL *k = connect_db(m, db, &e);
		if (k) {
			char *q = xasprintf("KILL CONNECTION %lu", mysql_thread_id(p->c));
			if (mysql_query(k, q)) {
				/* nothing more to do: the read timeout ends it */
			}
			free(q);
			mysql_close(k);
		}
	}
	pthread_join(p->th, NULL);
	p->started = false;
	return ended;
}

int sql_script_run(struct mdb *m, const struct sql_script *s, const char *db, int *line, struct bagu_err *err)
{
	MYSQL *conn[SQL_MAX_SESSIONS] = {0};
	struct pending pend[SQL_MAX_SESSIONS];
	memset(pend, 0, sizeof(pend));
	int rc = 0;
	*line = 0;
	for (size_t i = 0; i <= s->nsteps && !rc; i++) {
		/* first, every blocked statement whose session the script returned to by now */
		for (;;) {
			struct pending *next = NULL;
			for (size_t k = 0; k < s->nsessions; k++)
				if (pend[k].started && (i == s->nsteps || pend[k].st->resume_line < s->steps[i].line) &&
				    (!next || pend[k].st->resume_line < next->st->resume_line))
					next = &pend[k];
			if (!next)
				break;
			if (!pending_wait(m, next, db, RESUME_WAIT_MS)) {
				*line = next->st->resume_line;
				rc = bagu_error(err, "the blocked statement of line %d did not finish within %d s",
						next->st->line, RESUME_WAIT_MS / 1000);
			} else if (!rc)
				rc = check_expect(next->st, &next->r, line, err);
			result_release(&next->r);
			if (rc)
				break;
		}
		if (rc || i == s->nsteps)
			break;
		const struct sql_step *st = &s->steps[i];
		if (!conn[st->session] && !(conn[st->session] = connect_db(m, db, err))) {
			*line = st->line;
			rc = -1;
			break;
		}
		if (st->blocks) {
			struct pending *p = &pend[st->session];
			p->st = st, p->c = conn[st->session], p->done = 0;
			if (pthread_create(&p->th, NULL, pending_main, p)) {
				*line = st->line;
				rc = bagu_error(err, "cannot start a thread");
				break;
			}
			p->started = true;
			sleep_ms(BLOCK_PROBE_MS);
			if (__atomic_load_n(&p->done, __ATOMIC_ACQUIRE)) {
				pthread_join(p->th, NULL);
				p->started = false;
				*line = st->line;
				rc = p->r.error ? bagu_error(err, "statement marked '-- blocks' failed at once: error %u: %s",
							    p->r.error, p->r.error_text)
						: bagu_error(err, "statement marked '-- blocks' finished within %d ms",
							    BLOCK_PROBE_MS);
				result_release(&p->r);
			}
			continue;
		}
		struct result r;
		exec_stmt(conn[st->session], st->sql, &r);
		rc = check_expect(st, &r, line, err);
		result_release(&r);
	}
	/* end every connection first: that also ends what is still blocked */
	for (size_t k = 0; k < s->nsessions; k++)
		if (pend[k].started) {
			(void)pending_wait(m, &pend[k], db, rc ? 0 : RESUME_WAIT_MS);
			result_release(&pend[k].r);
		}
	for (size_t k = 0; k < SQL_MAX_SESSIONS; k++)
		if (conn[k])
			mysql_close(conn[k]);
	return rc;
}

#else /* no libmariadb */

int mdb_start(struct mdb **out, const char *dir, struct bagu_err *err)
{
	(void)dir;
	*out = NULL;
	return bagu_error(err, "bagu was built without libmariadb: SQL examples cannot run");
}
const char *mdb_version(const struct mdb *m)
{
	(void)m;
	return "";
}
const char *mdb_socket(const struct mdb *m)
{
	(void)m;
	return "";
}
int mdb_create_db(struct mdb *m, const char *name, struct bagu_err *err)
{
	(void)m, (void)name;
	return bagu_error(err, "no server");
}
void mdb_stop(struct mdb *m)
{
	(void)m;
}
int sql_script_run(struct mdb *m, const struct sql_script *s, const char *db, int *line, struct bagu_err *err)
{
	(void)m, (void)s, (void)db;
	*line = 0;
	return bagu_error(err, "no server");
}
#endif
