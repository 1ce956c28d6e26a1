/* yamldoc — libyaml document helpers. See yamldoc.h. */
#include "kb/yamldoc.h"

#include <string.h>

/* A first pass over the events rejects nesting deeper than YAMLDOC_MAX_DEPTH before the
 * (recursive) document loader sees it. */
static int check_depth(const char *buf, size_t len, struct bagu_err *err)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int depth = 0, rc = 0;
	if (!yaml_parser_initialize(&p))
		return bagu_error(err, "1:1: cannot initialise the YAML parser");
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	for (;;) {
		if (!yaml_parser_parse(&p, &ev)) {
			rc = bagu_error(err, "%zu:%zu: %s%s%s", p.problem_mark.line + 1,
					p.problem_mark.column + 1, p.problem ? p.problem : "YAML error",
					p.context ? " " : "", p.context ? p.context : "");
			break;
		}
		yaml_event_type_t t = ev.type;
		if (t == YAML_MAPPING_START_EVENT || t == YAML_SEQUENCE_START_EVENT) {
			if (++depth > YAMLDOC_MAX_DEPTH) {
				rc = bagu_error(err, "%zu:%zu: nesting deeper than %d levels",
						ev.start_mark.line + 1, ev.start_mark.column + 1,
						YAMLDOC_MAX_DEPTH);
				yaml_event_delete(&ev);
				break;
			}
		} else if (t == YAML_MAPPING_END_EVENT || t == YAML_SEQUENCE_END_EVENT) {
			depth--;
		}
		yaml_event_delete(&ev);
		if (t == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&p);
	return rc;
}

int yamldoc_load(yaml_document_t *doc, const char *buf, size_t len, struct bagu_err *err)
{
	memset(doc, 0, sizeof(*doc));
	if (check_depth(buf, len, err))
		return -1;
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return bagu_error(err, "1:1: cannot initialise the YAML parser");
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	int rc = 0;
	if (!yaml_parser_load(&p, doc)) {
		rc = bagu_error(err, "%zu:%zu: %s%s%s", p.problem_mark.line + 1, p.problem_mark.column + 1,
				p.problem ? p.problem : "YAML error", p.context ? " " : "",
				p.context ? p.context : "");
		memset(doc, 0, sizeof(*doc));
	}
	yaml_parser_delete(&p);
	return rc;
}

yaml_node_t *yamldoc_root(yaml_document_t *doc)
{
	return doc->nodes.start ? yaml_document_get_root_node(doc) : NULL;
}

yaml_node_t *yamldoc_node(yaml_document_t *doc, int index)
{
	return yaml_document_get_node(doc, index);
}

const char *yamldoc_scalar(yaml_node_t *node)
{
	if (!node || node->type != YAML_SCALAR_NODE)
		return NULL;
	return (const char *)node->data.scalar.value;
}

bool yamldoc_is_null(yaml_node_t *node)
{
	if (!node || node->type != YAML_SCALAR_NODE || node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	const char *s = (const char *)node->data.scalar.value;
	return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

int yamldoc_line(yaml_node_t *node)
{
	return node ? (int)node->start_mark.line + 1 : 0;
}
