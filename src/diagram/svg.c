/* svg — raw renderer SVG → the SVG a page inlines (diagram.h, step 3). A small tag
 * scanner that copies an allow-list of elements and attributes and drops everything
 * else; it never trusts the renderer to have escaped or omitted anything. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diagram/diagram.h"

#define MAX_DEPTH 128
#define MAX_ATTRS 32

static const char *const keep_elems[] = {"svg", "g", "polygon", "polyline", "path", "ellipse", "circle",
					 "rect", "line", "text", "tspan", "defs", "linearGradient",
					 "radialGradient", "stop", "clipPath", NULL};
static const char *const keep_attrs[] = {
	"points", "d", "cx", "cy", "rx", "ry", "r", "x", "y", "x1", "y1", "x2", "y2", "dx", "dy",
	"width", "height", "transform", "fill", "stroke", "stroke-width", "stroke-dasharray",
	"stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-opacity", "fill-opacity",
	"opacity", "font-family", "font-size", "font-weight", "font-style", "text-anchor",
	"text-decoration", "offset", "gradientUnits", "gradientTransform", "stop-color", "stop-opacity",
	"fx", "fy", "clip-path", "shape-rendering", "text-rendering", "dominant-baseline",
	"baseline-shift", NULL};

enum action { KEEP, UNWRAP, SKIP };

struct attr {
	const char *name, *val;
	size_t nlen, vlen;
};

static int find(const char *const *list, const char *s, size_t n)
{
	for (int i = 0; list[i]; i++)
		if (strlen(list[i]) == n && !memcmp(list[i], s, n))
			return i;
	return -1;
}

static bool eq(const char *s, size_t n, const char *lit)
{
	return strlen(lit) == n && !strncasecmp(s, lit, n);
}

/* Copies text or an attribute value: '<' and '"' escaped, '&' kept only as an entity. */
static void put_safe(struct strbuf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '<') {
			strbuf_addstr(out, "&lt;");
		} else if (c == '>') {
			strbuf_addstr(out, "&gt;");
		} else if (c == '"') {
			strbuf_addstr(out, "&quot;");
		} else if (c == '&') {
			size_t j = i + 1;
			if (j < n && s[j] == '#')
				j++;
			size_t k = j;
			while (k < n && k - j < 10 &&
			       ((s[k] >= '0' && s[k] <= '9') || ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z')))
				k++;
			if (k > j && k < n && s[k] == ';') {
				strbuf_add(out, s + i, k + 1 - i);
				i = k;
			} else {
				strbuf_addstr(out, "&amp;");
			}
		} else if ((unsigned char)c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
			continue;
		} else {
			strbuf_addch(out, c);
		}
	}
}

static bool is_black(const char *v, size_t n)
{
	return eq(v, n, "black") || eq(v, n, "#000000") || eq(v, n, "#000");
}

static bool is_white(const char *v, size_t n)
{
	return eq(v, n, "white") || eq(v, n, "#ffffff") || eq(v, n, "#fff");
}

/* Writes name="value" with colours mapped and url(#x) references prefixed; drops
 * values that point outside the document. */
static void put_attr(struct strbuf *out, const struct attr *a, const char *id)
{
	bool colour = eq(a->name, a->nlen, "fill") || eq(a->name, a->nlen, "stroke") ||
		      eq(a->name, a->nlen, "stop-color");
	const char *u = NULL;
	for (size_t i = 0; i + 4 <= a->vlen; i++)
		if (!strncasecmp(a->val + i, "url(", 4)) {
			u = a->val + i;
			break;
		}
	if (u) {
		const char *v = a->val, *end = v + a->vlen;
		size_t pre = (size_t)(u - v);
		const char *ref = u + 4;
		const char *close = memchr(ref, ')', (size_t)(end - ref));
		if (*ref != '#' || !close || memchr(ref, '(', (size_t)(close - ref)) ||
		    memchr(close + 1, '(', (size_t)(end - close - 1)))
			return;
		strbuf_addch(out, ' ');
		strbuf_add(out, a->name, a->nlen);
		strbuf_addstr(out, "=\"");
		put_safe(out, v, pre);
		strbuf_addstr(out, "url(#");
		strbuf_addstr(out, id);
		strbuf_addch(out, '-');
		put_safe(out, ref + 1, (size_t)(close - ref - 1));
		strbuf_addch(out, ')');
		put_safe(out, close + 1, (size_t)(end - close - 1));
		strbuf_addch(out, '"');
		return;
	}
	strbuf_addch(out, ' ');
	strbuf_add(out, a->name, a->nlen);
	strbuf_addstr(out, "=\"");
	if (colour && is_black(a->val, a->vlen))
		strbuf_addstr(out, "currentColor");
	else
		put_safe(out, a->val, a->vlen);
	strbuf_addch(out, '"');
}

/* The x range of a polygon's points. */
static bool points_xrange(const char *v, size_t n, double *lo, double *hi)
{
	char buf[512];
	if (n >= sizeof(buf))
		return false;
	memcpy(buf, v, n);
	buf[n] = '\0';
	bool any = false;
	for (char *p = buf; *p;) {
		char *end;
		double x = strtod(p, &end);
		if (end == p)
			break;
		if (!any || x < *lo)
			*lo = x;
		if (!any || x > *hi)
			*hi = x;
		any = true;
		p = strchr(end, ' ');
		if (!p)
			break;
		p++;
	}
	return any;
}

int diagram_svg_finish(enum diagram_kind kind, const char *s, size_t n, const char *id, const char *title,
		       const char *desc, struct strbuf *out, struct bagu_err *err)
{
	enum action stack[MAX_DEPTH];
	int names[MAX_DEPTH];
	int depth = 0, skip = 0;
	bool root_done = false, closed_root = false;
	bool bg_valid = false; /* msc: the last element was a white label background */
	double bg_cx = 0;
	size_t start_len = out->len;
	size_t i = 0;
	while (i < n) {
		if (s[i] != '<') {
			size_t j = i;
			while (j < n && s[j] != '<')
				j++;
			if (!skip && depth > 0 && stack[depth - 1] == KEEP &&
			    (!strcmp(keep_elems[names[depth - 1]], "text") ||
			     !strcmp(keep_elems[names[depth - 1]], "tspan")))
				put_safe(out, s + i, j - i);
			i = j;
			continue;
		}
		if (n - i >= 4 && !memcmp(s + i, "<!--", 4)) {
			const char *e = memmem(s + i + 4, n - i - 4, "-->", 3);
			if (!e)
				goto bad;
			i = (size_t)(e - s) + 3;
			continue;
		}
		if (n - i >= 2 && (s[i + 1] == '?' || s[i + 1] == '!')) {
			if (n - i >= 9 && !memcmp(s + i, "<![CDATA[", 9))
				goto bad;
			size_t j = i + 2;
			while (j < n && s[j] != '>') {
				if (s[j] == '[')
					goto bad; /* a DOCTYPE internal subset: entities */
				j++;
			}
			if (j >= n)
				goto bad;
			i = j + 1;
			continue;
		}
		bool end_tag = i + 1 < n && s[i + 1] == '/';
		size_t j = i + 1 + end_tag;
		size_t nm = j;
		while (j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r' && s[j] != '>' && s[j] != '/')
			j++;
		size_t nlen = j - nm;
		if (!nlen)
			goto bad;
		if (end_tag) {
			const char *gt = memchr(s + j, '>', n - j);
			if (!gt || depth == 0)
				goto bad;
			i = (size_t)(gt - s) + 1;
			depth--;
			if (skip) {
				skip--;
				continue;
			}
			if (stack[depth] == KEEP) {
				strbuf_addstr(out, "</");
				strbuf_addstr(out, keep_elems[names[depth]]);
				strbuf_addch(out, '>');
				if (depth == 0)
					closed_root = true;
			}
			continue;
		}
		/* attributes */
		struct attr attrs[MAX_ATTRS];
		int na = 0;
		bool self_close = false;
		for (;;) {
			while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r'))
				j++;
			if (j >= n)
				goto bad;
			if (s[j] == '>') {
				j++;
				break;
			}
			if (s[j] == '/' && j + 1 < n && s[j + 1] == '>') {
				self_close = true;
				j += 2;
				break;
			}
			size_t an = j;
			while (j < n && s[j] != '=' && s[j] != ' ' && s[j] != '>' && s[j] != '/' && s[j] != '\n')
				j++;
			size_t anl = j - an;
			while (j < n && (s[j] == ' ' || s[j] == '\n'))
				j++;
			if (!anl || j >= n || s[j] != '=')
				goto bad;
			j++;
			while (j < n && (s[j] == ' ' || s[j] == '\n'))
				j++;
			if (j >= n || (s[j] != '"' && s[j] != '\''))
				goto bad;
			char q = s[j++];
			const char *close = memchr(s + j, q, n - j);
			if (!close)
				goto bad;
			if (na == MAX_ATTRS)
				goto bad;
			attrs[na++] = (struct attr){s + an, s + j, anl, (size_t)(close - (s + j))};
			j = (size_t)(close - s) + 1;
		}
		i = j;
		if (depth >= MAX_DEPTH)
			goto bad;
		if (skip) {
			if (!self_close) {
				stack[depth++] = SKIP;
				skip++;
			}
			continue;
		}
		int e = find(keep_elems, s + nm, nlen);
		enum action act = e >= 0 ? KEEP : nlen == 1 && s[nm] == 'a' ? UNWRAP : SKIP;
		if (!root_done && (e != 0 || act != KEEP))
			goto bad; /* the first element must be <svg> */
		if (act == SKIP) {
			if (!self_close) {
				stack[depth++] = SKIP;
				skip = 1;
			}
			continue;
		}
		if (act == UNWRAP) {
			if (!self_close)
				stack[depth++] = UNWRAP;
			continue;
		}
		if (closed_root)
			goto bad;
		if (!root_done) {
			const struct attr *vb = NULL;
			for (int k = 0; k < na; k++)
				if (eq(attrs[k].name, attrs[k].nlen, "viewBox"))
					vb = &attrs[k];
			if (!vb || self_close)
				goto bad;
			/* width/height in user units (not Graphviz's pt): the natural size, which
			 * the page's CSS (max-width: 100%; height: auto) scales down */
			char vbuf[128];
			double v[4];
			if (vb->vlen >= sizeof(vbuf))
				goto bad;
			memcpy(vbuf, vb->val, vb->vlen);
			vbuf[vb->vlen] = '\0';
			if (sscanf(vbuf, "%lf %lf %lf %lf", &v[0], &v[1], &v[2], &v[3]) != 4 || !(v[2] > 0) ||
			    !(v[3] > 0) || v[2] > 1e6 || v[3] > 1e6)
				goto bad;
			strbuf_addf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"%g %g %g %g\" width=\"%g\""
				    " height=\"%g\"", v[0], v[1], v[2], v[3], v[2], v[3]);
			strbuf_addf(out, " role=\"img\" aria-labelledby=\"%s-title\" aria-describedby=\"%s-desc\""
				    " fill=\"currentColor\" class=\"diagram-%s\"><title id=\"%s-title\">",
				    id, id, diagram_kind_name(kind), id);
			diagram_xml_escape(out, title);
			strbuf_addf(out, "</title><desc id=\"%s-desc\">", id);
			diagram_xml_escape(out, desc);
			strbuf_addstr(out, "</desc>");
			root_done = true;
			stack[depth] = KEEP;
			names[depth++] = 0;
			continue;
		}
		const char *el = keep_elems[e];
		bool is_text = !strcmp(el, "text");
		bool has_anchor = false, white = false;
		for (int k = 0; k < na; k++)
			has_anchor |= eq(attrs[k].name, attrs[k].nlen, "text-anchor");
		bool centre = kind == DIAGRAM_MSC && is_text && bg_valid && !has_anchor;
		strbuf_addch(out, '<');
		strbuf_addstr(out, el);
		bool refable = !strcmp(el, "linearGradient") || !strcmp(el, "radialGradient") || !strcmp(el, "clipPath");
		for (int k = 0; k < na; k++) {
			const struct attr *a = &attrs[k];
			if (refable && eq(a->name, a->nlen, "id")) {
				strbuf_addf(out, " id=\"%s-", id);
				put_safe(out, a->val, a->vlen);
				strbuf_addch(out, '"');
				continue;
			}
			if (find(keep_attrs, a->name, a->nlen) < 0)
				continue;
			if (centre && eq(a->name, a->nlen, "x")) {
				/* mscgen measures CJK text far too narrow and left-aligns arc
				 * labels: centre them on their background box instead */
				strbuf_addf(out, " x=\"%g\" text-anchor=\"middle\"", bg_cx);
				continue;
			}
			if (centre && eq(a->name, a->nlen, "y")) {
				/* and lift them off the arc: mscgen puts the baseline one unit
				 * above the line, so descenders would cross it */
				char num[32];
				snprintf(num, sizeof(num), "%.*s", (int)(a->vlen < 31 ? a->vlen : 31), a->val);
				strbuf_addf(out, " y=\"%g\"", strtod(num, NULL) - 3);
				continue;
			}
			if (eq(a->name, a->nlen, "fill") && is_white(a->val, a->vlen))
				white = true;
			put_attr(out, a, id);
		}
		if (white)
			strbuf_addstr(out, " class=\"bg\"");
		bg_valid = false;
		if (kind == DIAGRAM_MSC && white && !strcmp(el, "polygon")) {
			for (int k = 0; k < na; k++) {
				double lo, hi;
				if (eq(attrs[k].name, attrs[k].nlen, "points") &&
				    points_xrange(attrs[k].val, attrs[k].vlen, &lo, &hi)) {
					bg_cx = (lo + hi) / 2;
					bg_valid = true;
				}
			}
		}
		if (self_close) {
			strbuf_addstr(out, "/>");
		} else {
			strbuf_addch(out, '>');
			stack[depth] = KEEP;
			names[depth++] = e;
		}
	}
	if (!root_done || !closed_root || depth != 0)
		goto bad;
	return 0;
bad:
	out->len = start_len;
	out->buf[out->len] = '\0';
	return bagu_error(err, "renderer output is not SVG as expected (near byte %zu)", i);
}
