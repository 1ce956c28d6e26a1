/*
 * diagram — diagrams in answers: ```dot (Graphviz) and ```msc (mscgen) fenced blocks
 * rendered to SVG at build time (docs/content-format.md, "Diagrams").
 * Layer: below kb; uses util only (plus libgvc/libcgraph and the mscgen program).
 *
 * Three steps, each usable on its own:
 *
 *   1. diagram_parse_info — the fence's info string: `dot title="..." desc="..."`.
 *   2. diagram_render — source → raw SVG. DOT is laid out in-process with libgvc; msc
 *      runs /usr/bin/mscgen (no library exists) as child processes, several at once,
 *      each with a time limit. Before either, diagram_lint applies the policy below.
 *   3. diagram_svg_finish — raw SVG → the SVG a page inlines: no prolog, DOCTYPE or
 *      comments; only an allow-list of drawing elements and attributes (no script,
 *      links, images, styles or event handlers); no fixed width/height (viewBox kept,
 *      so it scales); black → currentColor and white fills marked class="bg" so the
 *      page's CSS makes it follow light and dark mode; role="img" with <title> and
 *      <desc> from the block; every id prefixed with the figure's id.
 *
 * Policy for hostile input (all checked by diagram_lint / diagram_render, reported at
 * the source line where possible):
 *   - source at most DIAGRAM_MAX_SOURCE bytes; DOT at most DIAGRAM_MAX_ELEMENTS nodes
 *     and as many edges (fewer for circo and fdp, whose layouts are much slower and run
 *     in-process with no time limit); mscgen killed after DIAGRAM_TIMEOUT_MS; SVG capped;
 *   - DOT: attributes that read files or emit links/ids/classes are errors (URL, href,
 *     target, tooltip and their edge/head/tail/label forms, id, class, image,
 *     imagepath, shapefile, fontpath, fontnames, stylesheet, charset), and so are the
 *     layout-effort knobs (maxiter, nslimit, nslimit1, mclimit, searchsize), shape
 *     custom/epsf, peripheries > 4, sides > 32, an <IMG> or link attribute in an
 *     HTML-like label; layout must be dot (default), neato, circo, fdp or twopi;
 *   - msc: url, idurl and id attributes are errors (they only make links).
 *
 * Not thread-safe: Graphviz keeps global state. Call from one thread at a time.
 */
#ifndef BAGU_DIAGRAM_H
#define BAGU_DIAGRAM_H

#include "util/util.h"

#define DIAGRAM_MAX_SOURCE (64u << 10) /* bytes of one diagram's source */
#define DIAGRAM_MAX_PER_FILE 16        /* diagrams in one question file */
#define DIAGRAM_MAX_ELEMENTS 400       /* DOT nodes; and edges (dot, neato, twopi) */
#define DIAGRAM_MAX_ELEMENTS_CIRCO 200 /* with layout=circo */
#define DIAGRAM_MAX_ELEMENTS_FDP 100   /* with layout=fdp (slowest: no time limit in-process) */
#define DIAGRAM_MAX_TITLE 200          /* bytes of title= */
#define DIAGRAM_MAX_DESC 1000          /* bytes of desc= */
#define DIAGRAM_MAX_SVG (4u << 20)     /* bytes of rendered SVG */
#define DIAGRAM_TIMEOUT_MS 10000       /* one mscgen run */

enum diagram_kind { DIAGRAM_DOT, DIAGRAM_MSC };
/* "dot" or "msc". */
const char *diagram_kind_name(enum diagram_kind kind);

struct diagram_info {
	enum diagram_kind kind;
	char *title, *desc; /* malloc'd, non-empty */
};

/* Parses a fenced block's info string (the text after the fence characters, without
 * the newline). Returns 1 when it is not a diagram's (its first word is not exactly
 * `dot` or `msc`), 0 with *info filled, or -1 with err set to a message without a
 * position, e.g. `missing title="..."`, `unknown attribute 'x' (expected title, desc)`,
 * `unterminated quote in title=`. Values are double-quoted and cannot contain '"'. */
int diagram_parse_info(const char *info, size_t len, struct diagram_info *out, struct bagu_err *err);
void diagram_info_release(struct diagram_info *info);

/* The policy checks above that need no rendering. Returns 0, or -1 with err and *line
 * (1-based line in src, 0 when unknown). */
int diagram_lint(enum diagram_kind kind, const char *src, size_t len, int *line, struct bagu_err *err);

/* One rendering. The caller fills kind/src/len; diagram_render fills the rest. */
struct diagram_job {
	enum diagram_kind kind;
	const char *src; /* borrowed; need not be NUL-terminated */
	size_t len;
	struct strbuf svg; /* out: the renderer's SVG (raw; see diagram_svg_finish) */
	char *error;       /* out: NULL, or a one-line message ("syntax error near '->'") */
	int line;          /* out: with error, the 1-based line in src, 0 when unknown */
};
/* Renders every job (lint first). mscgen children run concurrently while DOT jobs are
 * laid out in-process. Never fails as a whole; each job reports its own error.
 * Environment: BAGU_MSCGEN names the mscgen program (default: mscgen on PATH);
 * BAGU_DIAGRAM_CACHE is the directory of the msc cache (default
 * $XDG_CACHE_HOME/bagu/diagrams or ~/.cache/bagu/diagrams; "" or "off": no cache);
 * BAGU_DIAGRAM_TIMEOUT_MS lowers the mscgen time limit (for tests). mscgen costs ~30 ms
 * of start-up per chart, so its SVG is cached by the source and the binary's size and
 * mtime; the cached file holds the source too and is used only when it matches. */
void diagram_render(struct diagram_job *jobs, size_t n);
void diagram_job_release(struct diagram_job *job);
/* Frees Graphviz's context (created on first use, then kept: it is reachable, not a
 * leak). Call it at most once, at the end: Graphviz's pango plugin keeps pointers into
 * the first context, so DOT cannot be rendered again in this process afterwards (such
 * jobs fail with an error instead). */
void diagram_shutdown(void);

/* Cleans raw SVG from diagram_render into out (appending), as described above.
 * id ("fig-2") prefixes every id in the SVG; title and desc become its <title> and
 * <desc>. Returns 0, or -1 with err when the input is not SVG as the renderers write it. */
int diagram_svg_finish(enum diagram_kind kind, const char *svg, size_t len, const char *id,
		       const char *title, const char *desc, struct strbuf *out,
		       struct bagu_err *err) BAGU_MUST_CHECK;

/* Appends s with &, <, >, " and ' escaped (XML text and attribute values). */
void diagram_xml_escape(struct strbuf *sb, const char *s);

#endif
