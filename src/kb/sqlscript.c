/* sqlscript — parsing checked SQL example scripts. See sqlscript.h. */
#include "kb/sqlscript.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char *memdupz(const char *s, size_t len)
{
	char *d = xmalloc(len + 1);
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

static char *trimmed(const char *s, size_t len)
{
	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	return memdupz(s, len);
}

char **sql_split_row(const char *row, size_t *n)
{
	char **cells = NULL;
	size_t alloc = 0;
	*n = 0;
	for (;;) {
		const char *bar = strchr(row, '|');
		size_t l = bar ? (size_t)(bar - row) : strlen(row);
		XGROW(cells, alloc, *n + 1);
		cells[(*n)++] = trimmed(row, l);
		if (!bar)
			break;
		row = bar + 1;
	}
	return cells;
}

static void expect_release(struct sql_expect *e)
{
	for (size_t i = 0; i < e->nrows; i++)
		free(e->rows[i]);
	free(e->rows);
	for (size_t i = 0; i < e->nchecksets; i++) {
		for (size_t j = 0; j < e->checks[i].nchecks; j++) {
			free(e->checks[i].checks[j].column);
			free(e->checks[i].checks[j].value);
		}
		free(e->checks[i].checks);
	}
	free(e->checks);
}

void sql_script_release(struct sql_script *s)
{
	for (size_t i = 0; i < s->nsteps; i++) {
		free(s->steps[i].sql);
		expect_release(&s->steps[i].expect);
	}
	free(s->steps);
	for (size_t i = 0; i < s->nsessions; i++)
		free(s->sessions[i]);
	memset(s, 0, sizeof(*s));
}

/* "-- word" prefix test: returns what follows "prefix" in a comment line, or NULL. */
static const char *directive(const char *c, const char *prefix)
{
	size_t l = strlen(prefix);
	return strncmp(c, prefix, l) ? NULL : c + l;
}

static bool parse_ull(const char *s, unsigned long long *v, const char **end)
{
	while (*s == ' ')
		s++;
	if (!isdigit((unsigned char)*s))
		return false;
	errno = 0;
	char *e;
	*v = strtoull(s, &e, 10);
	if (errno)
		return false;
	*end = e;
	return true;
}

/* "type=const; key~idx; rows<10" */
static int parse_checks(const char *s, struct sql_expect *e, size_t row, struct bagu_err *err)
{
	XGROW(e->checks, e->achecksets, e->nchecksets + 1);
	size_t k = e->nchecksets++;
	memset(&e->checks[k], 0, sizeof(e->checks[k]));
	e->checks[k].row = row;
	size_t alloc = 0;
	while (*s) {
		const char *semi = strchr(s, ';');
		size_t l = semi ? (size_t)(semi - s) : strlen(s);
		char *item = trimmed(s, l);
		s = semi ? semi + 1 : s + l;
		if (!*item) {
			free(item);
			continue;
		}
		size_t at = strcspn(item, "=~<>");
		if (!item[at] || !at) {
			int rc = bagu_error(err, "check '%s' is not name=value, name~text, name<N or name>N", item);
			free(item);
			return rc;
		}
		struct sql_check c = {0};
		c.op = item[at] == '=' ? SQL_EQ : item[at] == '~' ? SQL_CONTAINS : item[at] == '<' ? SQL_LT : SQL_GT;
		c.column = trimmed(item, at);
		c.value = trimmed(item + at + 1, strlen(item + at + 1));
		free(item);
		if (c.op == SQL_LT || c.op == SQL_GT) {
			char *end;
			errno = 0;
			(void)strtod(c.value, &end);
			if (end == c.value || *end || errno) {
				int rc = bagu_error(err, "check on '%s': '%s' is not a number", c.column, c.value);
				free(c.column), free(c.value);
				return rc;
			}
		}
		XGROW(e->checks[k].checks, alloc, e->checks[k].nchecks + 1);
		e->checks[k].checks[e->checks[k].nchecks++] = c;
	}
	if (!e->checks[k].nchecks)
		return bagu_error(err, "-- Check: names no column");
	return 0;
}

bool sql_script_has_expectations(const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *q = p;
		p = eol ? eol + 1 : end;
		while (q < p && (*q == ' ' || *q == '\t'))
			q++;
		if (p - q < 2 || q[0] != '-' || q[1] != '-')
			continue;
		q += 2;
		while (q < p && *q == ' ')
			q++;
		size_t left = (size_t)(p - q);
		static const char *const words[] = {"Output:", "Error:", "Affected:", "Check"};
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (left >= strlen(words[i]) && !memcmp(q, words[i], strlen(words[i])))
				return true;
	}
	return false;
}

static int session_index(struct sql_script *s, const char *name, struct bagu_err *err)
{
	for (size_t i = 0; i < s->nsessions; i++)
		if (!strcmp(s->sessions[i], name))
			return (int)i;
	if (s->nsessions == SQL_MAX_SESSIONS)
		return bagu_error(err, "more than %d sessions", SQL_MAX_SESSIONS);
	s->sessions[s->nsessions] = xstrdup(name);
	return (int)s->nsessions++;
}

int sql_script_parse(struct sql_script *s, const char *text, size_t len, int *err_line, struct bagu_err *err)
{
	memset(s, 0, sizeof(*s));
	*err_line = 0;
	if (len > SQL_MAX_SCRIPT)
		return bagu_error(err, "script longer than %d bytes", SQL_MAX_SCRIPT);
	if (memchr(text, '\0', len))
		return bagu_error(err, "script contains a NUL byte");
	int rc = 0, line = 0, session = 0;
	(void)session_index(s, "A", err);
	char delim[16] = ";";
	struct strbuf stmt = STRBUF_INIT;
	int stmt_line = 0;
	struct sql_expect *cur = NULL; /* where expectations go */
	struct sql_step *blocked[SQL_MAX_SESSIONS] = {0};
	bool in_output = false;
	size_t rows_alloc = 0;
	char *t = NULL; /* the current line, trimmed */
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t l = eol ? (size_t)(eol - p) : (size_t)(end - p);
		t = trimmed(p, l);
		p = eol ? eol + 1 : end;
		line++;
		if (!strncmp(t, "--", 2) && stmt.len) { /* a comment inside a statement... */
			const char *c = t + 2;
			while (*c == ' ')
				c++;
			if ((*c == '[' && c[strlen(c) - 1] == ']') || directive(c, "Output:") || directive(c, "Error:") ||
			    directive(c, "Affected:") ||
			    directive(c, "Check")) { /* ...but an expectation: the statement was not ended */
				free(t), t = NULL;
				line = stmt_line;
				rc = bagu_error(err, "statement does not end with '%s'", delim);
				goto fail;
			}
		}
		if (!strncmp(t, "--", 2) && stmt.len == 0) {
			const char *c = t + 2, *rest;
			while (*c == ' ')
				c++;
			/* a session switch is `-- [X]` alone; inside an output block a row may
			 * start with '[' (`-- [1, 2] | x`) */
			bool is_switch = *c == '[' && !(in_output && c[strlen(c) - 1] != ']');
			if (is_switch) {
				in_output = false;
				size_t n = strspn(c + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
				if (!n || n > 16 || c[1 + n] != ']' || c[2 + n]) {
					rc = bagu_error(err, "a session name is 1-16 letters, digits or '_' in [ ]");
					goto fail;
				}
				char *name = memdupz(c + 1, n);
				int k = session_index(s, name, err);
				free(name);
				if (k < 0) {
					rc = -1;
					goto fail;
				}
				session = k;
				cur = NULL;
				if (blocked[k]) {
					blocked[k]->resume_line = line;
					cur = &blocked[k]->expect;
					blocked[k] = NULL;
				}
			} else if ((rest = directive(c, "Output:"))) {
				if (!cur) {
					rc = bagu_error(err, "-- Output: belongs to no statement");
					goto fail;
				}
				if (cur->has_output || cur->has_error) {
					rc = bagu_error(err, "a second expectation of the result for one statement");
					goto fail;
				}
				cur->has_output = true;
				cur->line = cur->line ? cur->line : line;
				while (*rest == ' ')
					rest++;
				if (!strcmp(rest, "(empty)"))
					cur->output_empty = true;
				else if (*rest) {
					rc = bagu_error(err, "-- Output: is followed by rows on the next lines, or by (empty)");
					goto fail;
				} else {
					in_output = true;
					rows_alloc = 0;
				}
				s->checked = true;
			} else if ((rest = directive(c, "Error:"))) {
				unsigned long long v;
				if (!cur || cur->has_output || cur->has_error || cur->has_affected || cur->nchecksets) {
					rc = bagu_error(err, cur ? "-- Error: cannot be combined with another expectation"
								 : "-- Error: belongs to no statement");
					goto fail;
				}
				if (!parse_ull(rest, &v, &rest) || v > 65535 || (*rest && *rest != ' ')) {
					rc = bagu_error(err, "-- Error: wants a server error number");
					goto fail;
				}
				cur->has_error = true, cur->error = (unsigned)v;
				cur->line = cur->line ? cur->line : line;
				in_output = false;
				s->checked = true;
			} else if ((rest = directive(c, "Affected:"))) {
				unsigned long long v;
				if (!cur || cur->has_error || cur->has_affected) {
					rc = bagu_error(err, "-- Affected: belongs to no statement, or is given twice");
					goto fail;
				}
				if (!parse_ull(rest, &v, &rest) || *rest) {
					rc = bagu_error(err, "-- Affected: wants a number");
					goto fail;
				}
				cur->has_affected = true, cur->affected = v;
				cur->line = cur->line ? cur->line : line;
				in_output = false;
				s->checked = true;
			} else if ((rest = directive(c, "Check"))) {
				size_t row = 1;
				unsigned long long v;
				if (!strncmp(rest, " row ", 5)) {
					if (!parse_ull(rest + 5, &v, &rest) || !v || v > SQL_MAX_ROWS) {
						rc = bagu_error(err, "-- Check row N: wants a row number from 1 to %d", SQL_MAX_ROWS);
						goto fail;
					}
					row = (size_t)v;
				}
				if (*rest != ':') {
					rc = bagu_error(err, "-- Check: or -- Check row N: expected");
					goto fail;
				}
				if (!cur || cur->has_error) {
					rc = bagu_error(err, "-- Check: belongs to no statement");
					goto fail;
				}
				if (parse_checks(rest + 1, cur, row, err)) {
					rc = -1;
					goto fail;
				}
				cur->line = cur->line ? cur->line : line;
				in_output = false;
				s->checked = true;
			} else if (in_output && *c) {
				if (cur->nrows == SQL_MAX_ROWS) {
					rc = bagu_error(err, "more than %d expected rows", SQL_MAX_ROWS);
					goto fail;
				}
				XGROW(cur->rows, rows_alloc, cur->nrows + 1);
				cur->rows[cur->nrows++] = xstrdup(c);
			} else {
				in_output = false; /* a plain comment (or an empty `--`) */
			}
			free(t), t = NULL;
			continue;
		}
		if (!*t && stmt.len == 0) { /* blank line between statements */
			in_output = false;
			free(t), t = NULL;
			continue;
		}
		if (stmt.len == 0 && !strncasecmp(t, "DELIMITER ", 10)) {
			char *d = trimmed(t + 10, strlen(t + 10));
			if (!*d || strlen(d) >= sizeof(delim) || strpbrk(d, " \t")) {
				free(d);
				rc = bagu_error(err, "DELIMITER wants a short delimiter");
				goto fail;
			}
			strcpy(delim, d);
			free(d);
			free(t), t = NULL;
			continue;
		}
		/* SQL text */
		in_output = false;
		if (stmt.len == 0)
			stmt_line = line;
		else
			strbuf_addch(&stmt, '\n');
		bool blocks = false;
		size_t tl = strlen(t);
		/* a trailing comment after the delimiter: `...; -- blocks` */
		char *dd = NULL;
		for (char *q = strstr(t, delim); q; q = strstr(q + 1, delim))
			dd = q;
		bool ends = false;
		if (dd) {
			const char *after = dd + strlen(delim);
			while (*after == ' ' || *after == '\t')
				after++;
			if (!*after)
				ends = true;
			else if (!strncmp(after, "--", 2)) {
				ends = true;
				const char *cm = after + 2;
				while (*cm == ' ')
					cm++;
				blocks = !strcmp(cm, "blocks");
			}
			if (ends)
				tl = (size_t)(dd - t);
		}
		strbuf_add(&stmt, t, tl);
		free(t), t = NULL;
		if (stmt.len > SQL_MAX_SCRIPT) {
			rc = bagu_error(err, "statement too long");
			goto fail;
		}
		if (!ends)
			continue;
		if (s->nsteps == SQL_MAX_STEPS) {
			rc = bagu_error(err, "more than %d statements", SQL_MAX_STEPS);
			goto fail;
		}
		if (blocked[session]) {
			line = stmt_line;
			rc = bagu_error(err, "session %s sends a statement while its statement marked '-- blocks' "
					"is still waiting (return to it with a -- [%s] line after another session's statement)",
					s->sessions[session], s->sessions[session]);
			goto fail;
		}
		XGROW(s->steps, s->alloc, s->nsteps + 1);
		struct sql_step *st = &s->steps[s->nsteps++];
		memset(st, 0, sizeof(*st));
		st->line = stmt_line;
		st->session = session;
		strbuf_rtrim(&stmt);
		st->sql = strbuf_detach(&stmt, NULL);
		st->blocks = blocks;
		if (!*st->sql) {
			line = stmt_line;
			rc = bagu_error(err, "empty statement");
			goto fail;
		}
		cur = &st->expect;
		if (blocks) {
			blocked[session] = st;
			cur = NULL; /* its expectations come after the switch back to it */
		}
		/* a blocked step may have moved: pointers into steps[] must be refreshed */
		for (size_t k = 0; k < SQL_MAX_SESSIONS; k++)
			blocked[k] = NULL;
		for (size_t i = 0; i < s->nsteps; i++)
			if (s->steps[i].blocks && !s->steps[i].resume_line)
				blocked[s->steps[i].session] = &s->steps[i];
		if (!blocks)
			cur = &s->steps[s->nsteps - 1].expect;
	}
	if (stmt.len) {
		line = stmt_line;
		rc = bagu_error(err, "statement does not end with '%s'", delim);
		goto fail;
	}
	for (size_t i = 0; i < s->nsteps; i++)
		if (s->steps[i].blocks && !s->steps[i].resume_line) {
			line = s->steps[i].line;
			rc = bagu_error(err, "blocking statement is never waited for: no later -- [%s] line",
					s->sessions[s->steps[i].session]);
			goto fail;
		}
	strbuf_release(&stmt);
	return 0;
fail:
	*err_line = line;
	free(t);
	strbuf_release(&stmt);
	sql_script_release(s);
	return rc;
}
