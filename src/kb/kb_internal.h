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

#endif
