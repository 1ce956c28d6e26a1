/*
 * yamldoc — thin helpers over libyaml's document API for the kb loaders: load a
 * document with a depth limit, walk mappings, read scalars and lists of scalars, and
 * report node lines. Internal to kb.
 */
#ifndef BAGU_KB_YAMLDOC_H
#define BAGU_KB_YAMLDOC_H

#include <yaml.h>

#include "util/util.h"

#define YAMLDOC_MAX_DEPTH 64

/* Loads the first document of buf. On error fills err with "line:col: problem" (1-based,
 * relative to buf) and returns -1. An empty buffer loads as an empty document (root NULL). */
int yamldoc_load(yaml_document_t *doc, const char *buf, size_t len, struct bagu_err *err) BAGU_MUST_CHECK;
yaml_node_t *yamldoc_root(yaml_document_t *doc);
yaml_node_t *yamldoc_node(yaml_document_t *doc, int index);
/* The scalar's value, or NULL if node is not a scalar. */
const char *yamldoc_scalar(yaml_node_t *node);
/* Whether a scalar is a plain (unquoted) null: "", "~", "null", "Null", "NULL". */
bool yamldoc_is_null(yaml_node_t *node);
int yamldoc_line(yaml_node_t *node); /* 1-based */

#endif
