/* json — streaming JSON writer. See json.h. */
#include "util/json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void json_init(struct json_writer *w, struct strbuf *out, bool pretty)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->pretty = pretty;
}

static void indent(struct json_writer *w)
{
	if (!w->pretty)
		return;
	strbuf_addch(w->out, '\n');
	for (int i = 0; i < w->depth; i++)
		strbuf_add(w->out, "  ", 2);
}

static void before_value(struct json_writer *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	if (w->count[w->depth]++)
		strbuf_addch(w->out, ',');
	indent(w);
}

static void open_container(struct json_writer *w, char c)
{
	before_value(w);
	strbuf_addch(w->out, c);
	if (w->depth < 63)
		w->depth++;
	w->count[w->depth] = 0;
}

static void close_container(struct json_writer *w, char c)
{
	bool had = w->count[w->depth] > 0;
	if (w->depth > 0)
		w->depth--;
	if (had)
		indent(w);
	strbuf_addch(w->out, c);
}

void json_obj_begin(struct json_writer *w) { open_container(w, '{'); }
void json_obj_end(struct json_writer *w) { close_container(w, '}'); }
void json_arr_begin(struct json_writer *w) { open_container(w, '['); }
void json_arr_end(struct json_writer *w) { close_container(w, ']'); }

void json_key(struct json_writer *w, const char *key)
{
	if (w->count[w->depth]++)
		strbuf_addch(w->out, ',');
	indent(w);
	json_escape(w->out, key, strlen(key));
	strbuf_addstr(w->out, w->pretty ? ": " : ":");
	w->after_key = true;
}
void json_escape(struct strbuf *sb, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	strbuf_grow(sb, n + 2);
	strbuf_addch(sb, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': strbuf_add(sb, "\\\"", 2); continue;
		case '\\': strbuf_add(sb, "\\\\", 2); continue;
		case '\n': strbuf_add(sb, "\\n", 2); continue;
		case '\r': strbuf_add(sb, "\\r", 2); continue;
		case '\t': strbuf_add(sb, "\\t", 2); continue;
		case '<': case '>': case '&':
			strbuf_add(sb, "\\u00", 4);
			strbuf_addch(sb, hex[c >> 4]);
			strbuf_addch(sb, hex[c & 15]);
			continue;
		default: break;
		}
		if (c < 0x20) {
			strbuf_add(sb, "\\u00", 4);
			strbuf_addch(sb, hex[c >> 4]);
			strbuf_addch(sb, hex[c & 15]);
		} else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
			   ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
			strbuf_addstr(sb, (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029");
			i += 2;
		} else {
			strbuf_addch(sb, (char)c);
		}
	}
	strbuf_addch(sb, '"');
}

void json_strn(struct json_writer *w, const char *s, size_t n)
{
	before_value(w);
	json_escape(w->out, s, n);
}

void json_str(struct json_writer *w, const char *s)
{
	if (!s) {
		json_null(w);
		return;
	}
	json_strn(w, s, strlen(s));
}

void json_int(struct json_writer *w, long long v)
{
	before_value(w);
	strbuf_addf(w->out, "%lld", v);
}

void json_double(struct json_writer *w, double v)
{
	before_value(w);
	if (!isfinite(v))
		strbuf_addstr(w->out, "null");
	else
		strbuf_addf(w->out, "%.17g", v);
}

void json_bool(struct json_writer *w, bool v)
{
	before_value(w);
	strbuf_addstr(w->out, v ? "true" : "false");
}

void json_null(struct json_writer *w)
{
	before_value(w);
	strbuf_addstr(w->out, "null");
}

void json_raw(struct json_writer *w, const char *json)
{
	before_value(w);
	strbuf_addstr(w->out, json && *json ? json : "null");
}
