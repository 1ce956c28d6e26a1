/*
 * util — the lowest layer: allocation, growable buffers, errors, files.
 * Everything above may use it; it uses nothing of bagu.
 *
 * Conventions used across bagu:
 *   - x_init sets up a struct in place, x_release frees its contents (the struct
 *     stays usable after another x_init), x_free frees a heap object entirely.
 *   - Fallible functions return 0 on success and -1 on failure, filling a
 *     struct bagu_err with one line of text ("path:line:col: message" where a
 *     position is known). Libraries never print and never exit.
 *   - x* allocation wrappers abort on out-of-memory; there is no unchecked malloc.
 */
#ifndef BAGU_UTIL_H
#define BAGU_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BAGU_MUST_CHECK __attribute__((warn_unused_result))
#define BAGU_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define BAGU_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- allocation: abort with a message on out-of-memory ---- */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) BAGU_PRINTF(1, 2);
/* Grow *arr (element size elsz) so that it holds at least need elements. */
void xgrow(void **arr, size_t elsz, size_t *alloc, size_t need);
#define XGROW(arr, alloc, need) xgrow((void **)&(arr), sizeof(*(arr)), &(alloc), (need))

/* ---- errors ---- */
struct bagu_err {
	char msg[1024];
};
/* Formats msg into err (if err is non-NULL) and returns -1, for `return bagu_error(...)`. */
int bagu_error(struct bagu_err *err, const char *fmt, ...) BAGU_PRINTF(2, 3);

/* ---- strbuf: a NUL-terminated growable byte buffer (after git's strbuf) ----
 * buf is never NULL after strbuf_init; len excludes the terminating NUL. */
struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};
extern char strbuf_slopbuf[1]; /* the shared empty buffer of unallocated strbufs */
#define STRBUF_INIT {strbuf_slopbuf, 0, 0}
void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t n);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) BAGU_PRINTF(2, 3);
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* Hands the buffer to the caller (who frees it) and re-initialises sb. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
/* Removes trailing ASCII whitespace. */
void strbuf_rtrim(struct strbuf *sb);

/* ---- files ---- */
/* Reads the whole file at path into sb (appending). Fails if it is larger than
 * max_bytes, with "path: file is larger than N bytes". "-" reads stdin. */
int read_file(const char *path, size_t max_bytes, struct strbuf *sb, struct bagu_err *err) BAGU_MUST_CHECK;
/* Writes data to path atomically: a temporary file in the same directory, fsync, rename. */
int write_file_atomic(const char *path, const void *data, size_t n, struct bagu_err *err) BAGU_MUST_CHECK;
bool path_is_dir(const char *path);
bool path_exists(const char *path);
/* mkdir -p; mode 0755. */
int mkdir_p(const char *path, struct bagu_err *err) BAGU_MUST_CHECK;

/* ---- UTF-8 ---- */
/* Decodes one code point at s (n bytes available). Returns its length (1–4) and sets
 * *cp, or returns 0 for an invalid or truncated sequence. */
int utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Display width of a code point in a terminal (East Asian wide = 2, combining = 0). */
int utf8_cpwidth(uint32_t cp);
/* Number of code points in a valid UTF-8 string (invalid bytes count one each). */
size_t utf8_len(const char *s, size_t n);
/* Whether s[0..n) is valid UTF-8 (no overlongs, no surrogates). */
bool utf8_valid(const char *s, size_t n);

#endif
