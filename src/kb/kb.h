/*
 * kb — the knowledge base as it is on disk: loads content/ (topics.yaml, lexicon.yaml,
 * questions/AREA/TOPIC/SLUG.md), validates it strictly and renders each answer's Markdown to HTML
 * (cmark-gfm, safe mode). Layer: engine-independent content pipeline; uses util only.
 * The store module turns a loaded kb into content.db; nothing else reads content/.
 *
 * Diagnostics: validation never stops at the first problem. Every problem becomes one
 * line "path:line: message" (path relative to the content directory's parent as given,
 * line 1-based) in kb->diags, with kb->nerrors / kb->nwarnings counting them. kb_load
 * returns -1 only when the tree cannot be read at all (no such directory).
 */
#ifndef BAGU_KB_H
#define BAGU_KB_H

#include "diagram/diagram.h"
#include "util/util.h"

/* Seed numbering (../shared/seed/questions.tsv): 1–363; 115–118 are tools, not questions. */
#define KB_SEED_MAX 363
#define KB_SEED_TOOLS_FIRST 115
#define KB_SEED_TOOLS_LAST 118

/* Limits on hostile input. */
#define KB_MAX_FILE_BYTES (1u << 20) /* one content file */
#define KB_MAX_QUESTIONS 10000
#define KB_MAX_DEPTH 32 /* directory depth under questions/ */

enum kb_section { KB_SHORT, KB_DETAIL, KB_EXAMPLE, KB_FOLLOWUP, KB_NSECTIONS };
/* Heading text of each section ("简答", "详解", "示例", "追问") and its JSON key. */
extern const char *const kb_section_title[KB_NSECTIONS];
extern const char *const kb_section_key[KB_NSECTIONS];

/* The three roadmap stages / question levels, in order. */
extern const char *const kb_levels[3];
/* Returns 0, 1, 2 for 新手, 进阶, 高级 (also accepting "beginner"/"intermediate"/"advanced"
 * and "1".."3"), -1 otherwise. */
int kb_level_index(const char *s);

struct kb_keypoint {
	char *text;
	char **match;
	size_t nmatch;
};

/* A ```go block of an answer. checked: it ends with an `// Output:` comment.
 * go_minor: N of a `//go:build go1.N` line at its top, 0 if none. */
struct kb_example {
	int line; /* line of the opening fence in the file */
	char *code;
	char *expected; /* the text after // Output:, comment markers removed; NULL if unchecked */
	bool checked;
	bool mysql; /* ```go mysql: runs with BAGU_MYSQL_DSN pointing at a fresh database */
	int go_minor;
};

/* A ```sql block of an answer (docs/content-format.md, "Checked SQL examples").
 * checked: it has an expectation; such a block was parsed by sqlscript at load time and
 * any error reported, so the checker only meets well-formed scripts. */
struct kb_sql {
	int line; /* line of the opening fence in the file */
	char *code;
	bool checked;
	bool mariadb; /* ```sql mariadb: the expected output is MariaDB's */
};

/* A ```dot or ```msc block (docs/content-format.md, "Diagrams"). Its place in the
 * section's HTML holds <figure class="diagram" id="fig-N"> (N = index + 1) with the SVG
 * and a <figcaption> once kb_load has rendered it. */
struct kb_diagram {
	int line; /* line of the opening fence in the file */
	enum diagram_kind kind;
	char *title, *desc, *source;
	char *svg; /* diagram_svg_finish output; NULL until rendered (or when it failed) */
};

struct kb_question {
	char *path; /* as found, e.g. content/questions/go/slice/x.md */
	char *id, *title, *topic, *level, *go;
	int freq;
	int *seed, *seed_also;
	size_t nseed, nseed_also;
	struct kb_keypoint *keypoints;
	size_t nkeypoints;
	char **related;
	size_t nrelated;
	char *md[KB_NSECTIONS];   /* section Markdown without its heading; NULL if absent */
	char *html[KB_NSECTIONS]; /* rendered, safe mode */
	int sec_line[KB_NSECTIONS];
	struct kb_example *examples;
	size_t nexamples;
	struct kb_sql *sqls;
	size_t nsqls;
	struct kb_diagram *diagrams; /* in the order of the answer */
	size_t ndiagrams;
	int key_lines[16]; /* internal: line of each front-matter key (see question.c) */
};

struct kb_topic {
	char *id, *zh, *en, *parent, *stage, *about;
	char **prereq;
	size_t nprereq;
	int line;
};

struct kb_concept {
	char *key;
	char **aliases; /* includes key itself first */
	size_t naliases;
	const char *file; /* the lexicon file it came from (owned by struct kb) */
	int line;
};

struct kb_diag {
	char *msg; /* "path:line: message" */
	bool warning;
};

struct kb {
	char *dir;
	struct kb_question *questions;
	size_t nquestions, aquestions;
	struct kb_topic *topics;
	size_t ntopics, atopics;
	struct kb_concept *concepts;
	size_t nconcepts, aconcepts;
	char **lexicon_files; /* lexicon.yaml, then the files of lexicon/ in name order */
	size_t nlexicon_files;
	struct kb_diag *diags;
	size_t ndiags, adiags, nerrors, nwarnings;
	size_t nfiles; /* files read */
	size_t ndiagrams; /* diagrams rendered by kb_load */
};

void kb_init(struct kb *kb);
void kb_release(struct kb *kb);
/* Loads and validates content_dir. Questions are sorted by path. Returns -1 (err set)
 * only if content_dir is not a readable directory; validation problems go to diags. */
int kb_load(struct kb *kb, const char *content_dir, struct bagu_err *err) BAGU_MUST_CHECK;

/* Lookups over a loaded kb (linear; the kb is small). NULL when absent. */
const struct kb_topic *kb_topic(const struct kb *kb, const char *id);
const struct kb_question *kb_question(const struct kb *kb, const char *id);

/* Parses one question file's text (exposed for tests and fuzzing). Appends diagnostics
 * to kb; on success appends the question to kb->questions. Cross-file rules (dangling
 * ids, duplicate seeds) are checked by kb_load after all files are read, and diagrams
 * are rendered there too (until then their HTML holds a placeholder, not the figure). */
void kb_parse_question(struct kb *kb, const char *path, const char *text, size_t len);

/* Renders Markdown to HTML with cmark-gfm (tables, strikethrough, autolinks; raw HTML
 * and unsafe URLs dropped). Returns a malloc'd string. */
char *kb_render_html(const char *md, size_t len);

/* Adds a diagnostic (exposed so loaders share one format). */
void kb_diag(struct kb *kb, bool warning, const char *path, int line, const char *fmt, ...)
	BAGU_PRINTF(5, 6);

#endif
