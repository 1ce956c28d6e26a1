/*
 * gen/naming — Go identifiers and struct tags from arbitrary keys.
 *
 * Layer: gen (engine); used by the Go emitter. Pure functions, no state except
 * struct gen_nameset. The rules, with examples, are in docs/gen.md ("Naming").
 *
 *   gen_go_name("user_id")      -> "UserID"      (initialisms as whole words only)
 *   gen_go_name("middlename")   -> "Middlename"
 *   gen_go_name("HTTPServer")   -> "HTTPServer"
 *   gen_go_name("$ref")         -> "Ref"
 *   gen_go_name("2fa")          -> "X2Fa"        (not a letter first: prefix X)
 *   gen_go_name("名字")          -> "X名字"
 *   gen_go_name("")             -> "Empty"
 *   gen_go_name("---")          -> "X2D2D2D"     (no letter or digit: hex of the bytes)
 */
#ifndef BAGU_GEN_NAMING_H
#define BAGU_GEN_NAMING_H

#include <stdbool.h>
#include <stddef.h>

#include "util/util.h"

/* Appends an exported Go identifier derived from key (len bytes, any bytes). */
void gen_go_name(const char *key, size_t len, struct strbuf *out);

/* Appends the singular of an exported name ("Users" -> "User", "Categories" ->
 * "Category", "Addresses" -> "Address", "Status" -> "Status"). Returns false (and
 * appends name unchanged) when no plural ending is recognised. */
bool gen_singular(const char *name, struct strbuf *out);

/* Whether s is a Go identifier that is not a keyword (for --package). */
bool gen_is_go_identifier(const char *s);

/* Whether a struct tag of this kind (GEN_TAG_JSON/YAML/TOML) can carry key as
 * its name: never empty or with a comma; not "-" for yaml (yaml.v3 cannot spell
 * it); for json only letters, digits and the punctuation encoding/json accepts (no
 * quote, backslash, control character). */
bool gen_tag_key_ok(unsigned tag, const char *key, size_t len);

/* Appends s as a Go interpreted string literal, quotes included. Invalid UTF-8
 * bytes become \xNN; control and unusual characters are escaped. */
void gen_quote_go(const char *s, size_t len, struct strbuf *out);

/* Appends a struct tag literal for body (e.g. json:"a,omitempty"): a raw string
 * `...` unless body holds a backquote, then an interpreted literal. */
void gen_tag_literal(const char *body, size_t len, struct strbuf *out);

/* A set of names for collision handling: gen_nameset_claim returns base itself
 * if free, else base2, base3, ... (base_2, base_3 when base ends in a digit),
 * and records the result. Pointers stay valid until gen_nameset_release. */
struct gen_nameset {
	char **slots;
	size_t cap, n;
};
void gen_nameset_init(struct gen_nameset *s);
void gen_nameset_release(struct gen_nameset *s);
bool gen_nameset_has(const struct gen_nameset *s, const char *name);
/* Records name (must be absent). */
void gen_nameset_add(struct gen_nameset *s, const char *name);
const char *gen_nameset_claim(struct gen_nameset *s, const char *base);

#endif
