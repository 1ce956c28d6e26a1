/* index — builds search_fts inside content.db from its questions table (the store build
 * hook). Markdown is reduced to the plain text a reader sees; fenced code goes to the
 * code column. See search.h. */
#include <stdlib.h>
#include <string.h>

#include "search/search.h"
#include "search/search_int.h"

/* Appends one line of Markdown prose as plain text: heading and quote markers,
 * backticks, ** and ~~ removed, [text](url) reduced to text. */
static void plain_inline(struct strbuf *out, const char *s, size_t n, size_t i)
{
	while (i < n) {
		char c = s[i];
		if (c == '`') {
			i++;
			continue;
		}
		if ((c == '*' || c == '~') && i + 1 < n && s[i + 1] == c) {
			i += 2;
			continue;
		}
		if (c == '[') {
			/* [text](url): keep text, drop the target */
			const char *close = memchr(s + i, ']', n - i);
			if (close && (size_t)(close - s) + 1 < n && close[1] == '(') {
				const char *end = memchr(close, ')', n - (size_t)(close - s));
				if (end) {
					plain_inline(out, s + i + 1, (size_t)(close - s) - i - 1, 0);
					i = (size_t)(end - s) + 1;
					continue;
				}
			}
		}
		strbuf_addch(out, c);
		i++;
	}
}

static void plain_line(struct strbuf *out, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	while (i < n && (s[i] == '#' || s[i] == '>'))
		i++;
	while (i < n && s[i] == ' ')
		i++;
	plain_inline(out, s, n, i);
	strbuf_addch(out, '\n');
}

/* Length of a fence opening at s (up to 3 spaces, then 3+ ` or ~), 0 if none; *ch gets
 * the fence character. */
static size_t fence(const char *s, size_t n, char *ch)
{
	size_t i = 0;
	while (i < n && i < 3 && s[i] == ' ')
		i++;
	if (i >= n || (s[i] != '`' && s[i] != '~'))
		return 0;
	char c = s[i];
	size_t k = 0;
	while (i + k < n && s[i + k] == c)
		k++;
	if (k < 3)
		return 0;
	*ch = c;
	return k;
}

/* Splits Markdown into prose (plain text) and the contents of its fenced code blocks.
 * Either output may be NULL (discarded). */
void search_md_split(const char *md, struct strbuf *prose, struct strbuf *code)
{
	if (!md)
		return;
	size_t n = strlen(md), open = 0;
	char och = 0;
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(md + i, '\n', n - i);
		size_t len = nl ? (size_t)(nl - md) - i : n - i;
		const char *line = md + i;
		char ch;
		size_t f = fence(line, len, &ch);
		if (open) {
			bool closing = f >= open && ch == och;
			for (size_t k = 0; closing && k < len; k++)
				if (line[k] != ' ' && line[k] != ch)
					closing = false;
			if (closing)
				open = 0;
			else if (code) {
				strbuf_add(code, line, len);
				strbuf_addch(code, '\n');
			}
		} else if (f) {
			open = f, och = ch;
		} else if (prose) {
			plain_line(prose, line, len);
		}
		i += len + 1;
	}
}

static int exec(sqlite3 *db, const char *sql, struct bagu_err *err)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		bagu_error(err, "building the search index: %s", msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static void bind_buf(sqlite3_stmt *st, int i, struct strbuf *sb)
{
	strbuf_rtrim(sb);
	sqlite3_bind_text(st, i, sb->buf ? sb->buf : "", (int)sb->len, SQLITE_TRANSIENT);
}

int search_index_build(sqlite3 *db, struct bagu_err *err)
{
	sqlite3_stmt *sel = NULL, *ins = NULL;
	struct strbuf title = STRBUF_INIT, shrt = STRBUF_INIT, detail = STRBUF_INIT, code = STRBUF_INIT,
		      follow = STRBUF_INIT;
	int rc = -1;
	if (exec(db,
		 "DROP TABLE IF EXISTS search_fts;"
		 "CREATE VIRTUAL TABLE search_fts USING fts5(qid UNINDEXED, title, keypoints, short,"
		 " detail, code, followup, tokenize = 'bagu');",
		 err))
		return -1;
	if (sqlite3_prepare_v2(db,
			       "SELECT id, title, (SELECT group_concat(value, char(10)) FROM json_tree(q.keypoints)"
			       " WHERE type = 'text'), short_md, detail_md, example_md, followup_md"
			       " FROM questions q ORDER BY ord",
			       -1, &sel, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
			       "INSERT INTO search_fts(qid, title, keypoints, short, detail, code, followup)"
			       " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
			       -1, &ins, NULL) != SQLITE_OK) {
		bagu_error(err, "building the search index: %s", sqlite3_errmsg(db));
		goto out;
	}
	int step;
	while ((step = sqlite3_step(sel)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(sel, 1);
		strbuf_reset(&title), strbuf_reset(&shrt), strbuf_reset(&detail);
		strbuf_reset(&code), strbuf_reset(&follow);
		plain_line(&title, t ? t : "", t ? strlen(t) : 0);
		search_md_split((const char *)sqlite3_column_text(sel, 3), &shrt, &code);
		search_md_split((const char *)sqlite3_column_text(sel, 4), &detail, &code);
		search_md_split((const char *)sqlite3_column_text(sel, 5), &code, &code);
		search_md_split((const char *)sqlite3_column_text(sel, 6), &follow, &code);
		sqlite3_bind_value(ins, 1, sqlite3_column_value(sel, 0));
		bind_buf(ins, 2, &title);
		sqlite3_bind_value(ins, 3, sqlite3_column_value(sel, 2));
		bind_buf(ins, 4, &shrt);
		bind_buf(ins, 5, &detail);
		bind_buf(ins, 6, &code);
		bind_buf(ins, 7, &follow);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			bagu_error(err, "building the search index: %s", sqlite3_errmsg(db));
			goto out;
		}
		sqlite3_reset(ins);
	}
	if (step != SQLITE_DONE) {
		bagu_error(err, "building the search index: %s", sqlite3_errmsg(db));
		goto out;
	}
	rc = exec(db, "INSERT INTO search_fts(search_fts) VALUES('optimize');", err);
	if (rc == 0)
		rc = search_lexicon_build(db, err);
out:
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	strbuf_release(&title), strbuf_release(&shrt), strbuf_release(&detail);
	strbuf_release(&code), strbuf_release(&follow);
	return rc;
}

void search_init(void)
{
	store_add_conn_hook(search_register);
	store_add_build_hook(search_index_build);
}
