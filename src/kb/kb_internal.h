/* kb_internal — what kb's source files share; not part of the module's API. */
#ifndef BAGU_KB_INTERNAL_H
#define BAGU_KB_INTERNAL_H

#include "kb/kb.h"

void kb_free_strv(char **v, size_t n);
void kb_question_release(struct kb_question *q);
void kb_load_topics(struct kb *kb, const char *path);
void kb_load_lexicon(struct kb *kb, const char *path);
/* Line of a front-matter key in q's file, remembered while parsing (0 if unknown). */
int kb_fm_line(const struct kb_question *q, const char *key);

/* Called for each fenced code block of a section being rendered, with its first line
 * (1-based, in the section's Markdown) and its text. Returning N >= 0 replaces the block
 * by the placeholder KB_DIAGRAM_PLACEHOLDER "N-->"; -1 keeps it. */
typedef int (*kb_code_hook)(void *ctx, int line, const char *literal);
#define KB_DIAGRAM_PLACEHOLDER "<!--diagram:"
char *kb_render_section(const char *md, size_t len, kb_code_hook hook, void *ctx);
/* Renders every diagram of every question (kb_load calls it after parsing). */
void kb_render_diagrams(struct kb *kb);

#endif
