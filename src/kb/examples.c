/* examples — runs answer examples with the Go toolchain. See examples.h. */
#include "kb/examples.h"
#include "kb/sqlrun.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

char *ex_find_go(void)
{
	const char *env = getenv("BAGU_GO");
	if (env && *env)
		return access(env, X_OK) == 0 ? xstrdup(env) : NULL;
	/* Go 1.27 (trixie-backports) is the release the answers describe. */
	if (access("/usr/lib/go-1.27/bin/go", X_OK) == 0)
		return xstrdup("/usr/lib/go-1.27/bin/go");
	const char *path = getenv("PATH");
	if (!path)
		return NULL;
	char *dup = xstrdup(path), *save = NULL;
	for (char *d = strtok_r(dup, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
		char *p = xasprintf("%s/go", d);
		if (access(p, X_OK) == 0) {
			free(dup);
			return p;
		}
		free(p);
	}
	free(dup);
	return NULL;
}

/* Runs argv in dir with stdin from /dev/null, capturing stdout+stderr (or stdout only)
 * into out (capped at 1 MiB). Returns the exit status, 124 on timeout, -1 if it could not run. */
static int run(const char *dir, char *const argv[], bool merge_stderr, unsigned timeout_s,
	       struct strbuf *out)
{
	int pfd[2];
	if (pipe(pfd))
		return -1;
	pid_t pid = fork();
	if (pid < 0) {
		close(pfd[0]), close(pfd[1]);
		return -1;
	}
	if (pid == 0) {
		if (chdir(dir))
			_exit(127);
		dup2(pfd[1], 1);
		if (merge_stderr)
			dup2(pfd[1], 2);
		close(pfd[0]), close(pfd[1]);
		FILE *null = freopen("/dev/null", "r", stdin);
		(void)null;
		setpgid(0, 0);
		alarm(timeout_s);
		execv(argv[0], argv);
		_exit(127);
	}
	close(pfd[1]);
	char buf[8192];
	ssize_t r;
	while ((r = read(pfd[0], buf, sizeof(buf))) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (out->len < (1u << 20))
			strbuf_add(out, buf, (size_t)r);
	}
	close(pfd[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(status))
		return WTERMSIG(status) == SIGALRM ? 124 : 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

static int rm_cb(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(p);
}

/* Normalises program output for comparison: trailing spaces per line and trailing blank
 * lines removed, CRLF as LF. */
static char *normalise(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	while (*s) {
		const char *eol = strchr(s, '\n');
		size_t l = eol ? (size_t)(eol - s) : strlen(s);
		while (l && (s[l - 1] == ' ' || s[l - 1] == '\t' || s[l - 1] == '\r'))
			l--;
		strbuf_add(&sb, s, l);
		strbuf_addch(&sb, '\n');
		s = eol ? eol + 1 : s + strlen(s);
	}
	while (sb.len && sb.buf[sb.len - 1] == '\n')
		sb.len--;
	if (sb.alloc)
		sb.buf[sb.len] = '\0';
	return strbuf_detach(&sb, NULL);
}

static void add_result(struct ex_report *r, const struct kb_question *q, const struct kb_example *ex,
		       enum ex_status st, char *detail)
{
	XGROW(r->results, r->alloc, r->n + 1);
	r->results[r->n++] = (struct ex_result){q, ex, ex->line, false, st, detail};
	if (st == EX_PASS)
		r->passed++;
	else if (st == EX_FAIL)
		r->failed++;
	else
		r->skipped++;
}

void ex_report_release(struct ex_report *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->results[i].detail);
	free(r->results);
	free(r->go_version);
	free(r->server_version);
	memset(r, 0, sizeof(*r));
}

#define MYSQL_DRIVER_DIR "/usr/share/gocode/src/github.com/go-sql-driver/mysql"

static bool selected(const struct ex_options *o, const struct kb_question *q)
{
	return !(o && o->only_id && strcmp(o->only_id, q->id));
}

/* Whether the selection needs the SQL server. */
static bool needs_server(const struct kb *kb, const struct ex_options *o)
{
	for (size_t i = 0; i < kb->nquestions; i++) {
		const struct kb_question *q = &kb->questions[i];
		if (!selected(o, q))
			continue;
		for (size_t j = 0; j < q->nsqls; j++)
			if (q->sqls[j].checked)
				return true;
		for (size_t j = 0; j < q->nexamples; j++)
			if (q->examples[j].checked && q->examples[j].mysql)
				return true;
	}
	return false;
}

/* Runs every checked SQL example of the selection, each in its own database. */
static void run_sql_examples(const struct kb *kb, const struct ex_options *o, struct mdb *m, struct ex_report *r)
{
	size_t n = 0;
	for (size_t i = 0; i < kb->nquestions; i++) {
		const struct kb_question *q = &kb->questions[i];
		if (!selected(o, q))
			continue;
		for (size_t j = 0; j < q->nsqls; j++) {
			const struct kb_sql *sq = &q->sqls[j];
			if (!sq->checked)
				continue;
			struct sql_script script;
			struct bagu_err e;
			int at = 0;
			char *db = xasprintf("sql%04zu", n++);
			int rc = sql_script_parse(&script, sq->code, strlen(sq->code), &at, &e);
			if (!rc) {
				rc = mdb_create_db(m, db, &e);
				if (!rc)
					rc = sql_script_run(m, &script, db, &at, &e);
				sql_script_release(&script);
			}
			XGROW(r->results, r->alloc, r->n + 1);
			r->results[r->n++] = (struct ex_result){q, NULL, sq->line + at, true, rc ? EX_FAIL : EX_PASS,
								  rc ? xstrdup(e.msg) : NULL};
			if (rc)
				r->sql_failed++;
			else
				r->sql_passed++;
			free(db);
		}
	}
}

/* Sets up the Go environment for children (inherited through exec). */
static void go_env(const char *tmp)
{
	setenv("GOTOOLCHAIN", "local", 1);
	setenv("GOPROXY", "off", 1);
	setenv("GOFLAGS", "-mod=mod", 1);
	setenv("GO111MODULE", "on", 1);
	setenv("GOWORK", "off", 1);
	unsetenv("GOPATH");
	if (!getenv("GOCACHE")) {
		const char *home = getenv("HOME");
		if (!home || !*home || access(home, W_OK) != 0) {
			char *c = xasprintf("%s/gocache", tmp);
			setenv("GOCACHE", c, 1);
			free(c);
		}
	}
}

int kb_check_examples(const struct kb *kb, const struct ex_options *o, struct ex_report *r,
		      struct bagu_err *err)
{
	memset(r, 0, sizeof(*r));
	unsigned timeout = o && o->timeout_s ? o->timeout_s : 20;
	char *go = ex_find_go();
	if (!go)
		return bagu_error(err, "no Go toolchain found (set BAGU_GO, or run scripts/setup.sh to "
				       "install golang-1.27-go)");
	const char *tmpdir = getenv("TMPDIR");
	char *tmp = xasprintf("%s/bagu-examples-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (!mkdtemp(tmp)) {
		int rc = bagu_error(err, "%s: %s", tmp, strerror(errno));
		free(tmp), free(go);
		return rc;
	}
	go_env(tmp);
	int rc = 0;
	struct mdb *server = NULL;
	struct strbuf sb = STRBUF_INIT;
	struct bagu_err e;

	/* toolchain version */
	char *ver_argv[] = {go, "env", "GOVERSION", NULL};
	if (run(tmp, ver_argv, false, 60, &sb) != 0) {
		rc = bagu_error(err, "%s: cannot run the Go toolchain", go);
		goto out;
	}
	strbuf_rtrim(&sb);
	r->go_version = xstrdup(sb.buf);
	int minor = 0;
	if (!strncmp(sb.buf, "go1.", 4))
		minor = atoi(sb.buf + 4);

	char *gomod = xasprintf("%s/go.mod", tmp);
	/* The module's language version is the toolchain's own, so every example is Go 1.N
	 * of the toolchain that runs it (a `//go:build go1.M` line with M < N downgrades one
	 * file to show older semantics). */
	if (minor < 21) {
		free(gomod);
		rc = bagu_error(err, "%s: %s is too old (examples need go1.21 or newer)", go, r->go_version);
		goto out;
	}
	/* ```go mysql examples may import Debian's go-sql-driver/mysql (no module proxy) */
	char *modtext = access(MYSQL_DRIVER_DIR "/go.mod", R_OK) == 0
		? xasprintf("module bagu.examples\n\ngo 1.%d\n\nrequire github.com/go-sql-driver/mysql v1.5.0\n\n"
			    "replace github.com/go-sql-driver/mysql => %s\n", minor, MYSQL_DRIVER_DIR)
		: xasprintf("module bagu.examples\n\ngo 1.%d\n", minor);
	int wrc = write_file_atomic(gomod, modtext, strlen(modtext), &e);
	free(modtext);
	if (wrc) {
		free(gomod);
		rc = bagu_error(err, "%s", e.msg);
		goto out;
	}
	free(gomod);

	if (needs_server(kb, o)) {
		char *sdir = xasprintf("%s/mariadb", tmp);
		if (mkdir_p(sdir, &e) || mdb_start(&server, sdir, &e)) {
			free(sdir);
			rc = bagu_error(err, "%s", e.msg);
			goto out;
		}
		free(sdir);
		r->server_version = xstrdup(mdb_version(server));
	}

	/* Write one package per runnable example. */
	size_t total = 0;
	const struct kb_example **exs = NULL;
	const struct kb_question **qs = NULL;
	size_t aex = 0, aqs = 0;
	for (size_t i = 0; i < kb->nquestions; i++) {
		const struct kb_question *q = &kb->questions[i];
		if (o && o->only_id && strcmp(o->only_id, q->id))
			continue;
		for (size_t j = 0; j < q->nexamples; j++) {
			const struct kb_example *ex = &q->examples[j];
			if (!ex->checked)
				continue;
			if (ex->go_minor > minor) {
				add_result(r, q, ex, EX_SKIP, xasprintf("needs go1.%d, toolchain is %s",
									 ex->go_minor, r->go_version));
				continue;
			}
			char *dir = xasprintf("%s/ex%04zu", tmp, total);
			char *file = xasprintf("%s/main.go", dir);
			if (mkdir_p(dir, &e) || write_file_atomic(file, ex->code, strlen(ex->code), &e)) {
				free(dir), free(file);
				rc = bagu_error(err, "%s", e.msg);
				free(exs), free(qs);
				goto out;
			}
			free(dir), free(file);
			XGROW(exs, aex, total + 1);
			XGROW(qs, aqs, total + 1);
			exs[total] = ex;
			qs[total] = q;
			total++;
		}
	}
	if (total) {
		strbuf_reset(&sb);
		char *bin = xasprintf("%s/bin/", tmp);
		char *build_argv[] = {go, "build", "-o", bin, "./...", NULL};
		run(tmp, build_argv, true, 600, &sb);
		free(bin);
	}
	for (size_t k = 0; k < total; k++) {
		const struct kb_example *ex = exs[k];
		char *bin = xasprintf("%s/bin/ex%04zu", tmp, k);
		if (access(bin, X_OK) != 0) {
			strbuf_reset(&sb);
			char *pkg = xasprintf("./ex%04zu", k);
			char *argv[] = {go, "build", "-o", bin, pkg, NULL};
			run(tmp, argv, true, 300, &sb);
			free(pkg);
			if (access(bin, X_OK) != 0) {
				strbuf_rtrim(&sb);
				add_result(r, qs[k], ex, EX_FAIL, xasprintf("does not build:\n%s", sb.buf));
				free(bin);
				continue;
			}
		}
		strbuf_reset(&sb);
		char *argv[] = {bin, NULL};
		char *dbname = NULL;
		if (ex->mysql) { /* a fresh database, named to the program by BAGU_MYSQL_DSN */
			dbname = xasprintf("go%04zu", k);
			if (!server || mdb_create_db(server, dbname, &e)) {
				add_result(r, qs[k], ex, EX_FAIL, xasprintf("no database: %s", server ? e.msg : "no server"));
				free(dbname), free(bin);
				continue;
			}
			char *dsn = xasprintf("root@unix(%s)/%s", mdb_socket(server), dbname);
			setenv("BAGU_MYSQL_DSN", dsn, 1);
			free(dsn);
		}
		int st = run(tmp, argv, false, timeout, &sb);
		if (dbname)
			unsetenv("BAGU_MYSQL_DSN");
		free(dbname);
		char *got = normalise(sb.buf), *want = normalise(ex->expected ? ex->expected : "");
		if (st == 124)
			add_result(r, qs[k], ex, EX_FAIL, xasprintf("timed out after %us", timeout));
		else if (st != 0)
			add_result(r, qs[k], ex, EX_FAIL, xasprintf("exited with status %d; output:\n%s", st, got));
		else if (strcmp(got, want))
			add_result(r, qs[k], ex, EX_FAIL,
				   xasprintf("output differs\n--- want\n%s\n--- got\n%s", want, got));
		else
			add_result(r, qs[k], ex, EX_PASS, NULL);
		free(got), free(want), free(bin);
	}
	free(exs), free(qs);
	if (server)
		run_sql_examples(kb, o, server, r);
out:
	mdb_stop(server);
	strbuf_release(&sb);
	if (!(o && o->keep_dir))
		nftw(tmp, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
	free(tmp);
	free(go);
	return rc;
}
