/* question — parsing and validating one question file (front matter + sections). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kb/kb_internal.h"
#include "kb/sqlscript.h"
#include "kb/yamldoc.h"

enum fm_key { K_ID, K_TITLE, K_SEED, K_SEED_ALSO, K_TOPIC, K_LEVEL, K_FREQ, K_GO, K_KEYPOINTS,
	      K_RELATED, K_NKEYS };
static const char *const fm_keys[K_NKEYS] = {"id", "title", "seed", "seed_also", "topic", "level",
					     "freq", "go", "keypoints", "related"};
static const bool fm_required[K_NKEYS] = {true, true, true, false, true, true, true, false, true, false};

int kb_fm_line(const struct kb_question *q, const char *key)
{
	for (int k = 0; k < K_NKEYS; k++)
		if (!strcmp(fm_keys[k], key))
			return q->key_lines[k] ? q->key_lines[k] : 1;
	return 1;
}

struct ctx {
	struct kb *kb;
	const char *path;
	int line0; /* file line of the front matter's first line, minus one */
	yaml_document_t *doc;
	bool bad;
};

static void err_at(struct ctx *c, int line, const char *fmt, ...) BAGU_PRINTF(3, 4);
static void err_at(struct ctx *c, int line, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	kb_diag(c->kb, false, c->path, line, "%s", buf);
	c->bad = true;
}

static int node_line(struct ctx *c, yaml_node_t *n)
{
	return c->line0 + yamldoc_line(n);
}

static bool valid_id(const char *s)
{
	size_t n = strlen(s);
	int dots = 0;
	if (n == 0 || n > 128 || s[0] == '.' || s[n - 1] == '.' || s[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (ch == '.') {
			if (s[i + 1] == '.')
				return false;
			dots++;
		} else if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-')) {
			return false;
		}
	}
	return dots >= 1;
}

/* A non-empty single-line string scalar, or NULL after reporting. */
static char *want_string(struct ctx *c, const char *key, yaml_node_t *v)
{
	const char *s = yamldoc_scalar(v);
	if (!s || yamldoc_is_null(v)) {
		err_at(c, node_line(c, v), "'%s' must be a non-empty string", key);
		return NULL;
	}
	if (!*s) {
		err_at(c, node_line(c, v), "'%s' must not be empty", key);
		return NULL;
	}
	if (strchr(s, '\n')) {
		err_at(c, node_line(c, v), "'%s' must be a single line", key);
		return NULL;
	}
	return xstrdup(s);
}

static bool parse_int(const char *s, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (!*s || *end || errno)
		return false;
	*out = v;
	return true;
}

static char **want_strlist(struct ctx *c, const char *key, yaml_node_t *v, size_t *n)
{
	*n = 0;
	if (!v || v->type != YAML_SEQUENCE_NODE) {
		err_at(c, node_line(c, v), "'%s' must be a list", key);
		return NULL;
	}
	char **out = NULL;
	size_t alloc = 0;
	for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
		yaml_node_t *e = yamldoc_node(c->doc, *it);
		const char *s = yamldoc_scalar(e);
		if (!s || !*s || yamldoc_is_null(e)) {
			err_at(c, node_line(c, e), "'%s' items must be non-empty strings", key);
			continue;
		}
		XGROW(out, alloc, *n + 1);
		out[(*n)++] = xstrdup(s);
	}
	return out;
}

static int *want_seeds(struct ctx *c, const char *key, yaml_node_t *v, size_t *n)
{
	*n = 0;
	if (!v || v->type != YAML_SEQUENCE_NODE) {
		err_at(c, node_line(c, v), "'%s' must be a flow list of seed numbers, e.g. [1, 15]", key);
		return NULL;
	}
	int *out = NULL;
	size_t alloc = 0;
	for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
		yaml_node_t *e = yamldoc_node(c->doc, *it);
		const char *s = yamldoc_scalar(e);
		long num;
		if (!s || !parse_int(s, &num)) {
			err_at(c, node_line(c, e), "'%s' items must be numbers", key);
			continue;
		}
		if (num < 1 || num > KB_SEED_MAX) {
			err_at(c, node_line(c, e), "seed %ld is out of range 1-%d", num, KB_SEED_MAX);
			continue;
		}
		if (num >= KB_SEED_TOOLS_FIRST && num <= KB_SEED_TOOLS_LAST) {
			err_at(c, node_line(c, e), "seed %ld is a tool (115-118), not a question", num);
			continue;
		}
		bool dup = false;
		for (size_t i = 0; i < *n; i++)
			dup |= out[i] == num;
		if (dup) {
			err_at(c, node_line(c, e), "seed %ld is listed twice", num);
			continue;
		}
		XGROW(out, alloc, *n + 1);
		out[(*n)++] = (int)num;
	}
	return out;
}

static void parse_keypoints(struct ctx *c, struct kb_question *q, yaml_node_t *v)
{
	if (!v || v->type != YAML_SEQUENCE_NODE) {
		err_at(c, node_line(c, v), "'keypoints' must be a list of {text, match}");
		return;
	}
	size_t alloc = 0;
	for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
		yaml_node_t *e = yamldoc_node(c->doc, *it);
		if (e->type != YAML_MAPPING_NODE) {
			err_at(c, node_line(c, e), "a keypoint must be a mapping {text: ..., match: [...]}");
			continue;
		}
		struct kb_keypoint kp = {0};
		bool has_match = false;
		for (yaml_node_pair_t *p = e->data.mapping.pairs.start; p < e->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yamldoc_node(c->doc, p->key), *val = yamldoc_node(c->doc, p->value);
			const char *ks = yamldoc_scalar(k);
			if (ks && !strcmp(ks, "text")) {
				free(kp.text);
				kp.text = want_string(c, "text", val);
			} else if (ks && !strcmp(ks, "match")) {
				kb_free_strv(kp.match, kp.nmatch);
				kp.match = want_strlist(c, "match", val, &kp.nmatch);
				has_match = true;
			} else {
				err_at(c, node_line(c, k), "unknown keypoint key '%s' (expected text, match)",
				       ks ? ks : "?");
			}
		}
		if (!kp.text)
			err_at(c, node_line(c, e), "keypoint has no 'text'");
		else if (!has_match || kp.nmatch == 0)
			err_at(c, node_line(c, e), "keypoint '%s' has an empty 'match' list", kp.text);
		XGROW(q->keypoints, alloc, q->nkeypoints + 1);
		q->keypoints[q->nkeypoints++] = kp;
	}
	if (q->nkeypoints < 3 || q->nkeypoints > 6)
		err_at(c, q->key_lines[K_KEYPOINTS], "'keypoints' must have 3 to 6 items, has %zu",
		       q->nkeypoints);
}

static void parse_front_matter(struct ctx *c, struct kb_question *q, const char *fm, size_t len,
			       int first_line)
{
	yaml_document_t doc;
	struct bagu_err e;
	c->line0 = first_line - 1;
	if (yamldoc_load(&doc, fm, len, &e)) {
		long line = strtol(e.msg, NULL, 10);
		const char *msg = strchr(e.msg, ' ');
		err_at(c, c->line0 + (int)line, "front matter: %s", msg ? msg + 1 : e.msg);
		return;
	}
	c->doc = &doc;
	yaml_node_t *root = yamldoc_root(&doc);
	if (!root || root->type != YAML_MAPPING_NODE) {
		err_at(c, first_line, "front matter must be a YAML mapping");
		yaml_document_delete(&doc);
		return;
	}
	bool seen[K_NKEYS] = {0};
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yamldoc_node(&doc, p->key), *v = yamldoc_node(&doc, p->value);
		const char *ks = yamldoc_scalar(k);
		int line = node_line(c, k);
		int key = -1;
		for (int i = 0; ks && i < K_NKEYS; i++)
			if (!strcmp(ks, fm_keys[i]))
				key = i;
		if (key < 0) {
			err_at(c, line, "unknown front matter key '%s'", ks ? ks : "?");
			continue;
		}
		if (seen[key]) {
			err_at(c, line, "duplicate front matter key '%s'", ks);
			continue;
		}
		seen[key] = true;
		q->key_lines[key] = line;
		switch (key) {
		case K_ID:
			q->id = want_string(c, ks, v);
			if (q->id && !valid_id(q->id))
				err_at(c, line, "id '%s' must be lowercase [a-z0-9-] parts joined by dots, "
				       "at least two parts", q->id);
			break;
		case K_TITLE: q->title = want_string(c, ks, v); break;
		case K_TOPIC: q->topic = want_string(c, ks, v); break;
		case K_GO: q->go = want_string(c, ks, v); break;
		case K_LEVEL:
			q->level = want_string(c, ks, v);
			if (q->level && kb_level_index(q->level) < 0)
				err_at(c, line, "level '%s' must be one of 新手, 进阶, 高级", q->level);
			else if (q->level) {
				int li = kb_level_index(q->level);
				free(q->level);
				q->level = xstrdup(kb_levels[li]);
			}
			break;
		case K_FREQ: {
			const char *s = yamldoc_scalar(v);
			long f;
			if (!s || !parse_int(s, &f) || f < 1 || f > 5)
				err_at(c, line, "freq must be a whole number from 1 to 5");
			else
				q->freq = (int)f;
			break;
		}
		case K_SEED: q->seed = want_seeds(c, ks, v, &q->nseed); break;
		case K_SEED_ALSO: q->seed_also = want_seeds(c, ks, v, &q->nseed_also); break;
		case K_RELATED: q->related = want_strlist(c, ks, v, &q->nrelated); break;
		case K_KEYPOINTS: parse_keypoints(c, q, v); break;
		}
	}
	for (int k = 0; k < K_NKEYS; k++)
		if (fm_required[k] && !seen[k])
			err_at(c, first_line - 1, "missing required front matter key '%s'", fm_keys[k]);
	yaml_document_delete(&doc);
	c->doc = NULL;
}

/* Whether the info-string words in s[0..len) include word. */
static bool has_word(const char *s, size_t len, const char *word)
{
	size_t wl = strlen(word);
	for (size_t i = 0; i + wl <= len; i++)
		if ((i == 0 || s[i - 1] == ' ') && !strncmp(s + i, word, wl) &&
		    (i + wl == len || s[i + wl] == ' ' || s[i + wl] == '\r'))
			return true;
	return false;
}

/* Extracts ```sql blocks from a section's Markdown (line0 = file line of its first line)
 * and validates the checked ones as scripts (sqlscript.h). */
static void collect_sql(struct ctx *c, struct kb_question *q, const char *md, int line0, size_t *alloc)
{
	const char *p = md;
	int line = line0;
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t l = eol ? (size_t)(eol - p) : strlen(p);
		if (l >= 6 && !strncmp(p, "```sql", 6) && (l == 6 || p[6] == ' ' || p[6] == '\r')) {
			struct kb_sql sq = {.line = line, .mariadb = l > 6 && has_word(p + 6, l - 6, "mariadb")};
			struct strbuf code = STRBUF_INIT;
			p = eol ? eol + 1 : p + l;
			line++;
			while (*p) {
				eol = strchr(p, '\n');
				l = eol ? (size_t)(eol - p) : strlen(p);
				bool fence = l >= 3 && !strncmp(p, "```", 3);
				if (!fence) {
					strbuf_add(&code, p, l);
					strbuf_addch(&code, '\n');
				}
				p = eol ? eol + 1 : p + l;
				line++;
				if (fence)
					break;
			}
			/* a block with no expectation is SQL shown only: not parsed as a script */
			struct sql_script script;
			struct bagu_err e;
			int at;
			if (!sql_script_has_expectations(code.buf, code.len))
				sq.checked = false;
			else if (sql_script_parse(&script, code.buf, code.len, &at, &e))
				err_at(c, sq.line + at, "sql example: %s", e.msg);
			else {
				sq.checked = script.checked;
				sql_script_release(&script);
			}
			sq.code = strbuf_detach(&code, NULL);
			XGROW(q->sqls, *alloc, q->nsqls + 1);
			q->sqls[q->nsqls++] = sq;
			continue;
		}
		p = eol ? eol + 1 : p + l;
		line++;
	}
}

/* Extracts ```go blocks from a section's Markdown (line0 = file line of its first line). */
static void collect_examples(struct kb_question *q, const char *md, int line0, size_t *alloc)
{
	const char *p = md;
	int line = line0;
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t l = eol ? (size_t)(eol - p) : strlen(p);
		if (l >= 5 && !strncmp(p, "```go", 5) && (l == 5 || p[5] == ' ' || p[5] == '\r')) {
			int fence_line = line;
			const char *p0 = p;
			size_t l0 = l;
			struct strbuf code = STRBUF_INIT;
			p = eol ? eol + 1 : p + l;
			line++;
			while (*p) {
				eol = strchr(p, '\n');
				l = eol ? (size_t)(eol - p) : strlen(p);
				if (l >= 3 && !strncmp(p, "```", 3)) {
					p = eol ? eol + 1 : p + l;
					line++;
					break;
				}
				strbuf_add(&code, p, l);
				strbuf_addch(&code, '\n');
				p = eol ? eol + 1 : p + l;
				line++;
			}
			struct kb_example ex = {.line = fence_line, .mysql = l0 > 5 && has_word(p0 + 5, l0 - 5, "mysql")};
			/* The expected output: comment lines after a line "// Output:" that is
			 * followed only by comment or blank lines. */
			char *out = NULL;
			for (char *s = code.buf; (s = strstr(s, "// Output:")); s++) {
				if (s != code.buf && s[-1] != '\n')
					continue;
				bool tail = true;
				char *t = strchr(s, '\n');
				while (t && *++t) {
					char *te = strchr(t, '\n');
					size_t tl = te ? (size_t)(te - t) : strlen(t);
					if (tl && strncmp(t, "//", 2))
						tail = false;
					t = te;
				}
				if (tail)
					out = s;
			}
			if (out) {
				struct strbuf exp = STRBUF_INIT;
				const char *s = strchr(out, '\n');
				const char *rest = out + 10;
				while (*rest == ' ')
					rest++;
				if (s && rest < s) { /* "// Output: text" on the same line */
					strbuf_add(&exp, rest, (size_t)(s - rest));
					strbuf_addch(&exp, '\n');
				}
				while (s && *++s) {
					const char *se = strchr(s, '\n');
					size_t sl = se ? (size_t)(se - s) : strlen(s);
					if (sl >= 2 && !strncmp(s, "//", 2)) {
						const char *b = s + 2;
						if (*b == ' ')
							b++;
						strbuf_add(&exp, b, sl - (size_t)(b - s));
					}
					strbuf_addch(&exp, '\n');
					s = se;
				}
				ex.checked = true;
				ex.expected = strbuf_detach(&exp, NULL);
			}
			const char *b = strstr(code.buf, "//go:build go1.");
			if (b && (b == code.buf || b[-1] == '\n'))
				ex.go_minor = atoi(b + strlen("//go:build go1."));
			ex.code = strbuf_detach(&code, NULL);
			XGROW(q->examples, *alloc, q->nexamples + 1);
			q->examples[q->nexamples++] = ex;
			continue;
		}
		p = eol ? eol + 1 : p + l;
		line++;
	}
}

/* Diagrams: kb_render_section calls this for every fenced block of a section. */
struct diagram_ctx {
	struct ctx *c;
	struct kb_question *q;
	const char *md;
	int line0; /* file line of the section's first Markdown line */
	size_t alloc;
};

static int diagram_hook(void *p, int line, const char *lit)
{
	struct diagram_ctx *d = p;
	const char *s = d->md;
	for (int k = 1; k < line && s; k++) {
		s = strchr(s, '\n');
		if (s)
			s++;
	}
	if (!s)
		return -1;
	const char *eol = strchr(s, '\n');
	size_t l = eol ? (size_t)(eol - s) : strlen(s);
	/* the info string: the raw text after the fence (cmark's copy has escapes decoded) */
	size_t i = 0;
	while (i + 2 < l && !((s[i] == '`' || s[i] == '~') && s[i + 1] == s[i] && s[i + 2] == s[i]))
		i++;
	if (i + 2 >= l)
		return -1;
	char fc = s[i];
	while (i < l && s[i] == fc)
		i++;
	int file_line = d->line0 + line - 1;
	struct diagram_info info;
	struct bagu_err e;
	int rc = diagram_parse_info(s + i, l - i, &info, &e);
	if (rc > 0)
		return -1;
	if (rc < 0) {
		err_at(d->c, file_line, "diagram: %s", e.msg);
		return -1;
	}
	size_t len = strlen(lit);
	if (len > DIAGRAM_MAX_SOURCE) {
		err_at(d->c, file_line, "diagram: source is larger than %u bytes", DIAGRAM_MAX_SOURCE);
		diagram_info_release(&info);
		return -1;
	}
	if (d->q->ndiagrams >= DIAGRAM_MAX_PER_FILE) {
		err_at(d->c, file_line, "diagram: more than %d diagrams in one file", DIAGRAM_MAX_PER_FILE);
		diagram_info_release(&info);
		return -1;
	}
	XGROW(d->q->diagrams, d->alloc, d->q->ndiagrams + 1);
	d->q->diagrams[d->q->ndiagrams++] = (struct kb_diagram){
		.line = file_line, .kind = info.kind, .title = info.title, .desc = info.desc, .source = xstrdup(lit)};
	return (int)d->q->ndiagrams;
}

static bool is_fence(const char *p, size_t l, char *fc, size_t *flen)
{
	size_t i = 0;
	while (i < l && i < 3 && p[i] == ' ')
		i++;
	if (i + 3 > l || (p[i] != '`' && p[i] != '~'))
		return false;
	char ch = p[i];
	size_t n = 0;
	while (i + n < l && p[i + n] == ch)
		n++;
	if (n < 3)
		return false;
	*fc = ch;
	*flen = n;
	return true;
}

static void parse_body(struct ctx *c, struct kb_question *q, const char *body, int first_line)
{
	const char *p = body;
	int line = first_line;
	int cur = -1, last = -1;
	struct strbuf sec = STRBUF_INIT;
	bool in_fence = false;
	char fence_ch = 0;
	size_t fence_len = 0;
	int cur_start = 0;
	bool stray = false;
	struct diagram_ctx dc = {.c = c, .q = q};
	for (;;) {
		const char *eol = strchr(p, '\n');
		size_t l = eol ? (size_t)(eol - p) : strlen(p);
		bool end = !*p;
		char fc;
		size_t fl;
		bool heading = !in_fence && !end && l >= 3 && !strncmp(p, "## ", 3);
		if (!end && !heading && is_fence(p, l, &fc, &fl)) {
			if (!in_fence) {
				in_fence = true, fence_ch = fc, fence_len = fl;
			} else if (fc == fence_ch && fl >= fence_len) {
				in_fence = false;
			}
		}
		if (heading || end) {
			if (cur >= 0) {
				strbuf_rtrim(&sec);
				if (sec.len == 0)
					err_at(c, q->sec_line[cur], "section '## %s' is empty", kb_section_title[cur]);
				q->md[cur] = xstrdup(sec.buf);
				dc.md = sec.buf;
				dc.line0 = q->key_lines[K_NKEYS + (cur & 3)];
				q->html[cur] = kb_render_section(sec.buf, sec.len, diagram_hook, &dc);
			}
			strbuf_reset(&sec);
			if (end)
				break;
			char *title = xstrndup(p + 3, l - 3);
			size_t tl = strlen(title);
			while (tl && (title[tl - 1] == ' ' || title[tl - 1] == '\r'))
				title[--tl] = '\0';
			cur = -1;
			for (int s = 0; s < KB_NSECTIONS; s++)
				if (!strcmp(title, kb_section_title[s]))
					cur = s;
			if (cur < 0) {
				err_at(c, line, "unknown section '## %s' (expected 简答, 详解, 示例, 追问; use ### inside a section)", title);
			} else if (q->md[cur]) {
				err_at(c, line, "duplicate section '## %s'", title);
				cur = -1;
			} else if (cur < last) {
				err_at(c, line, "section '## %s' is out of order (简答, 详解, 示例, 追问)", title);
			}
			if (cur >= 0) {
				q->sec_line[cur] = line;
				last = cur;
				cur_start = line + 1;
			}
			free(title);
		} else if (cur >= 0) {
			if (sec.len == 0 && l == 0)
				cur_start = line + 1; /* skip leading blank lines */
			else {
				strbuf_add(&sec, p, l);
				strbuf_addch(&sec, '\n');
			}
		} else if (l && !stray) {
			err_at(c, line, "text before the first section heading '## 简答'");
			stray = true;
		}
		if (cur >= 0 && sec.len == 0)
			q->key_lines[K_NKEYS + (cur & 3)] = cur_start;
		p = eol ? eol + 1 : p + l;
		line++;
	}
	strbuf_release(&sec);
	int end_line = line;
	for (int s = 0; s < KB_NSECTIONS; s++)
		if (s != KB_EXAMPLE && !q->md[s] && q->sec_line[s] == 0)
			err_at(c, end_line > 1 ? first_line : 1, "missing section '## %s'", kb_section_title[s]);
	/* Examples can sit in any section. */
	size_t alloc = 0, sql_alloc = 0;
	for (int s = 0; s < KB_NSECTIONS; s++)
		if (q->md[s]) {
			collect_examples(q, q->md[s], q->key_lines[K_NKEYS + (s & 3)], &alloc);
			collect_sql(c, q, q->md[s], q->key_lines[K_NKEYS + (s & 3)], &sql_alloc);
		}
	if (q->md[KB_FOLLOWUP]) {
		int items = 0;
		for (const char *s = q->md[KB_FOLLOWUP]; s; s = strchr(s, '\n')) {
			if (*s == '\n')
				s++;
			if (!strncmp(s, "- ", 2) || !strncmp(s, "* ", 2) || (*s >= '1' && *s <= '9' && strchr(".)", s[1])))
				items++;
		}
		if (items < 2 || items > 4)
			err_at(c, q->sec_line[KB_FOLLOWUP], "'## 追问' must list 2 to 4 follow-up questions, has %d", items);
	}
}

static void parse_question_text(struct kb *kb, const char *path, const char *text, size_t len);

void kb_parse_question(struct kb *kb, const char *path, const char *data, size_t len)
{
	/* The parser below uses string functions; give it a NUL-terminated copy so callers
	 * may pass any buffer (a file read into a strbuf, or raw fuzzer input). */
	if (memchr(data, '\0', len) || !utf8_valid(data, len)) {
		kb_diag(kb, false, path, 1, "file is not valid UTF-8 text");
		return;
	}
	char *text = xstrndup(data, len);
	parse_question_text(kb, path, text, len);
	free(text);
}

static void parse_question_text(struct kb *kb, const char *path, const char *text, size_t len)
{
	struct ctx c = {.kb = kb, .path = path};
	struct kb_question q = {0};
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		text += 3, len -= 3;
	if (strncmp(text, "---\n", 4) && strncmp(text, "---\r\n", 5)) {
		err_at(&c, 1, "missing front matter: the file must start with a line '---'");
		return;
	}
	/* Find the closing '---' line. */
	const char *fm = strchr(text, '\n') + 1, *p = fm, *close = NULL;
	int line = 2, close_line = 0;
	while (p < text + len) {
		const char *eol = memchr(p, '\n', (size_t)(text + len - p));
		size_t l = eol ? (size_t)(eol - p) : (size_t)(text + len - p);
		if ((l == 3 || (l == 4 && p[3] == '\r')) && !strncmp(p, "---", 3)) {
			close = p;
			close_line = line;
			break;
		}
		if (!eol)
			break;
		p = eol + 1;
		line++;
	}
	if (!close) {
		err_at(&c, 1, "front matter is not closed by a line '---'");
		return;
	}
	q.path = xstrdup(path);
	parse_front_matter(&c, &q, fm, (size_t)(close - fm), 2);
	const char *body = strchr(close, '\n');
	body = body ? body + 1 : close + 3;
	char *b = xstrndup(body, (size_t)(text + len - body));
	parse_body(&c, &q, b, close_line + 1);
	free(b);
	if (c.bad || !q.id || !q.title || !q.topic || !q.level || !q.freq) {
		kb_question_release(&q);
		return;
	}
	XGROW(kb->questions, kb->aquestions, kb->nquestions + 1);
	kb->questions[kb->nquestions++] = q;
}
