/* render — diagram source → raw SVG: DOT in-process with libgvc, msc with mscgen child
 * processes. See diagram.h. */
#include <errno.h>
#include <fcntl.h>
#include <gvc.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "diagram/diagram.h"
#include "diagram/diagram_int.h"

extern char **environ;

#define MAX_CHILDREN 4

void diagram_job_release(struct diagram_job *job)
{
	strbuf_release(&job->svg);
	free(job->error);
	job->error = NULL;
	job->line = 0;
}

static void job_fail(struct diagram_job *job, int line, const char *fmt, ...) BAGU_PRINTF(3, 4);
static void job_fail(struct diagram_job *job, int line, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	free(job->error);
	job->error = strbuf_detach(&sb, NULL);
	job->line = line;
	strbuf_reset(&job->svg);
}

/* ---- Graphviz ---- */

static GVC_t *gvc;
static bool gv_shut; /* Graphviz cannot be started again in the same process */
static struct strbuf gv_errors; /* what Graphviz reported for the current job */

static int collect(char *msg)
{
	if (gv_errors.len < 4096)
		strbuf_addstr(&gv_errors, msg);
	return 0;
}

static void gv_init(void)
{
	if (gvc)
		return;
	agseterr(AGWARN); /* report warnings too, through collect(), never to stderr */
	agseterrf(collect);
	/* The site's face instead of Times; set on the prototype graph before any read. */
	static char fontname[] = "fontname", sans[] = "sans-serif";
	agattr(NULL, AGRAPH, fontname, sans);
	agattr(NULL, AGNODE, fontname, sans);
	agattr(NULL, AGEDGE, fontname, sans);
	gvc = gvContext();
}

void diagram_shutdown(void)
{
	if (gvc) {
		gvFreeContext(gvc);
		gv_shut = true;
	}
	gvc = NULL;
	strbuf_release(&gv_errors);
}

struct reader {
	const char *s;
	size_t len, cur;
};

/* Feeds the lexer one line at a time, as agmemread does. */
static int read_chunk(void *chan, char *buf, int bufsize)
{
	struct reader *r = chan;
	size_t left = r->len - r->cur;
	if (!left || bufsize <= 0)
		return 0;
	const char *nl = memchr(r->s + r->cur, '\n', left);
	size_t k = nl ? (size_t)(nl - (r->s + r->cur)) + 1 : left;
	if (k > (size_t)bufsize)
		k = (size_t)bufsize;
	memcpy(buf, r->s + r->cur, k);
	r->cur += k;
	return (int)k;
}

static bool word_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The first line of a word in src (outside nothing: a plain search), 0 if absent. */
static int word_line(const char *src, size_t len, const char *word)
{
	size_t wl = strlen(word);
	int line = 1;
	for (size_t i = 0; wl && i + wl <= len; i++) {
		if (src[i] == '\n')
			line++;
		if (!strncasecmp(src + i, word, wl)) {
			bool left = i == 0 || !word_char(src[i - 1]);
			bool right = i + wl >= len || !word_char(src[i + wl]);
			if (left && right)
				return line;
		}
	}
	return 0;
}

/* Turns Graphviz's messages into one line and a source line number. */
static void gv_fail(struct diagram_job *job, const char *fallback)
{
	struct strbuf m = STRBUF_INIT;
	const char *s = gv_errors.len ? gv_errors.buf : fallback;
	/* first message only: up to the next "Error"/"Warning" after the first */
	const char *end = s + strlen(s);
	const char *second = NULL;
	for (const char *p = s + 1; *p; p++)
		if (p[-1] == '\n' && (!strncmp(p, "Error", 5) || !strncmp(p, "Warning", 7))) {
			second = p;
			break;
		}
	if (second)
		end = second;
	for (const char *p = s; p < end; p++) {
		char c = *p == '\n' ? ' ' : *p;
		if (c == ' ' && m.len && m.buf[m.len - 1] == ' ')
			continue;
		strbuf_addch(&m, c);
	}
	strbuf_rtrim(&m);
	char *msg = m.buf;
	if (!strncmp(msg, "Error: ", 7))
		msg += 7;
	else if (!strncmp(msg, "Warning: ", 9))
		msg += 9;
	if (!strncmp(msg, "diagram: ", 9))
		msg += 9;
	int line = 0;
	char *in = strstr(msg, " in line ");
	bool label = strstr(msg, "in label of ") != NULL;
	if (in && !label) {
		char *num = in + 9, *after;
		line = (int)strtol(num, &after, 10);
		if (!strncmp(after, " of diagram", 11))
			after += 11;
		memmove(in, after, strlen(after) + 1);
	}
	if (label) {
		/* "... in label of node NAME" / "edge A -> B": the line naming it */
		const char *who = strstr(msg, "in label of ");
		who += 12;
		const char *sp = strchr(who, ' ');
		if (sp) {
			char name[128];
			snprintf(name, sizeof(name), "%s", sp + 1);
			char *cut = strpbrk(name, " ");
			if (cut)
				*cut = '\0';
			line = word_line(job->src, job->len, name);
		}
	}
	if (line < 0 || (size_t)line > job->len + 1)
		line = 0;
	job_fail(job, line, "%s", msg);
	strbuf_release(&m);
}

static int check_html_attr(struct diagram_job *job, void *obj, const char *attr)
{
	char *v = agget(obj, (char *)attr);
	if (!v || !*v || !aghtmlstr(v))
		return 0;
	struct bagu_err e;
	int off;
	if (diagram_check_html(v, strlen(v), &off, &e)) {
		job_fail(job, word_line(job->src, job->len, "img"), "%s", e.msg);
		return -1;
	}
	return 0;
}

static int check_graph_labels(struct diagram_job *job, Agraph_t *g, int depth)
{
	if (depth > 64)
		return 0;
	if (check_html_attr(job, g, "label"))
		return -1;
	for (Agraph_t *sg = agfstsubg(g); sg; sg = agnxtsubg(sg))
		if (check_graph_labels(job, sg, depth + 1))
			return -1;
	return 0;
}

/* The parsed graph, checked again: concatenated strings ("U"+"RL") pass the lexer. */
static int check_graph(struct diagram_job *job, Agraph_t *g)
{
	static const int kinds[] = {AGRAPH, AGNODE, AGEDGE};
	struct bagu_err e;
	for (size_t k = 0; k < BAGU_ARRAY_LEN(kinds); k++)
		for (Agsym_t *sym = agnxtattr(g, kinds[k], NULL); sym; sym = agnxtattr(g, kinds[k], sym))
			if (diagram_dot_attr_banned(sym->name)) {
				job_fail(job, word_line(job->src, job->len, sym->name),
					 "attribute '%s' is not allowed in diagrams", sym->name);
				return -1;
			}
	char *layout = agget(g, "layout");
	if (layout && *layout && diagram_check_value("layout", layout, &e)) {
		job_fail(job, word_line(job->src, job->len, "layout"), "%s", e.msg);
		return -1;
	}
	/* Layout runs in-process without a time limit, so the slow engines get smaller
	 * graphs: fdp's force-directed layout grows much faster than linearly (random
	 * graphs with 400 edges took ~25 s, with 100 under 1 s), circo's less so. */
	const char *engine = layout && *layout ? layout : "dot";
	int cap = !strcmp(engine, "fdp") ? DIAGRAM_MAX_ELEMENTS_FDP
		  : !strcmp(engine, "circo") ? DIAGRAM_MAX_ELEMENTS_CIRCO
					     : DIAGRAM_MAX_ELEMENTS;
	if (agnnodes(g) > cap) {
		job_fail(job, 0, "%d nodes; a diagram laid out with %s may have at most %d", agnnodes(g), engine, cap);
		return -1;
	}
	if (agnedges(g) > cap) {
		job_fail(job, 0, "%d edges; a diagram laid out with %s may have at most %d", agnedges(g), engine, cap);
		return -1;
	}
	if (check_graph_labels(job, g, 0))
		return -1;
	static const char *const node_attrs[] = {"shape", "peripheries", "sides"};
	for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
		for (size_t i = 0; i < BAGU_ARRAY_LEN(node_attrs); i++) {
			char *v = agget(n, (char *)node_attrs[i]);
			if (v && *v && diagram_check_value(node_attrs[i], v, &e)) {
				job_fail(job, word_line(job->src, job->len, node_attrs[i]), "%s", e.msg);
				return -1;
			}
		}
		if (check_html_attr(job, n, "label") || check_html_attr(job, n, "xlabel"))
			return -1;
		for (Agedge_t *ed = agfstout(g, n); ed; ed = agnxtout(g, ed))
			if (check_html_attr(job, ed, "label") || check_html_attr(job, ed, "xlabel") ||
			    check_html_attr(job, ed, "headlabel") || check_html_attr(job, ed, "taillabel"))
				return -1;
	}
	return 0;
}

static void render_dot(struct diagram_job *job)
{
	if (gv_shut) {
		job_fail(job, 0, "Graphviz was shut down (diagram_shutdown) in this process");
		return;
	}
	gv_init();
	strbuf_reset(&gv_errors);
	agreseterrors();
	static char fname[] = "diagram";
	agsetfile(fname); /* resets the lexer's line counter */
	struct reader rd = {job->src, job->len, 0};
	Agiodisc_t io = AgIoDisc;
	io.afread = read_chunk;
	Agdisc_t disc = {&AgMemDisc, &AgIdDisc, &io};
	Agraph_t *g = agread(&rd, &disc);
	if (!g || agerrors() || gv_errors.len) {
		gv_fail(job, "not a DOT graph");
		if (g)
			agclose(g);
		/* drain the rest so the next read starts clean */
		strbuf_reset(&gv_errors);
		Agraph_t *more;
		while ((more = agread(&rd, &disc)))
			agclose(more);
		strbuf_reset(&gv_errors);
		return;
	}
	/* one graph per block: anything after its closing brace is an error */
	Agraph_t *more = agread(&rd, &disc);
	if (more || gv_errors.len) {
		if (more) {
			job_fail(job, 0, "more than one graph in one diagram");
			agclose(more);
		} else {
			gv_fail(job, "text after the graph");
		}
		while ((more = agread(&rd, &disc)))
			agclose(more);
		agclose(g);
		strbuf_reset(&gv_errors);
		return;
	}
	if (check_graph(job, g)) {
		agclose(g);
		return;
	}
	char *layout = agget(g, "layout");
	const char *engine = layout && *layout ? layout : "dot";
	if (gvLayout(gvc, g, engine) != 0) {
		gv_fail(job, "layout failed");
		agclose(g);
		return;
	}
	char *out = NULL;
	unsigned int len = 0;
	int rc = gvRenderData(gvc, g, "svg", &out, &len);
	if (rc == 0 && !gv_errors.len && len <= DIAGRAM_MAX_SVG) {
		strbuf_reset(&job->svg);
		strbuf_add(&job->svg, out, len);
	} else if (len > DIAGRAM_MAX_SVG) {
		job_fail(job, 0, "the SVG is larger than %u bytes", DIAGRAM_MAX_SVG);
	} else {
		gv_fail(job, "rendering failed");
	}
	if (out)
		gvFreeRenderData(out);
	gvFreeLayout(gvc, g);
	agclose(g);
	strbuf_reset(&gv_errors);
}

/* ---- mscgen ---- */

struct child {
	struct diagram_job *job;
	pid_t pid;
	int out, err; /* read ends; -1 once at EOF */
	struct strbuf errbuf;
	long long deadline; /* ms, CLOCK_MONOTONIC */
	bool too_big;
	bool reaped; /* waitpid has returned its status */
	int status;
};

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int start_msc(struct child *c, struct diagram_job *job)
{
	memset(c, 0, sizeof(*c));
	strbuf_init(&c->errbuf, 0);
	c->job = job;
	c->out = c->err = -1;
	int in = memfd_create("bagu-msc", MFD_CLOEXEC);
	int po[2] = {-1, -1}, pe[2] = {-1, -1};
	if (in < 0 || pipe2(po, O_CLOEXEC) || pipe2(pe, O_CLOEXEC)) {
		job_fail(job, 0, "cannot run mscgen: %s", strerror(errno));
		goto fail;
	}
	for (size_t off = 0; off < job->len;) {
		ssize_t w = write(in, job->src + off, job->len - off);
		if (w <= 0) {
			job_fail(job, 0, "cannot run mscgen: %s", strerror(errno));
			goto fail;
		}
		off += (size_t)w;
	}
	lseek(in, 0, SEEK_SET);
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in, 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
	const char *prog = getenv("BAGU_MSCGEN");
	if (!prog || !*prog)
		prog = "mscgen";
	char *argv[] = {(char *)prog, "-T", "svg", "-o", "-", "-i", "-", NULL};
	int rc = posix_spawnp(&c->pid, prog, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc) {
		job_fail(job, 0, "cannot run %s: %s (install mscgen: scripts/setup.sh)", prog, strerror(rc));
		goto fail;
	}
	close(in), close(po[1]), close(pe[1]);
	c->out = po[0], c->err = pe[0];
	fcntl(c->out, F_SETFL, O_NONBLOCK);
	fcntl(c->err, F_SETFL, O_NONBLOCK);
	const char *t = getenv("BAGU_DIAGRAM_TIMEOUT_MS"); /* for tests */
	long ms = t && *t ? strtol(t, NULL, 10) : 0;
	c->deadline = now_ms() + (ms > 0 && ms < DIAGRAM_TIMEOUT_MS ? ms : DIAGRAM_TIMEOUT_MS);
	strbuf_reset(&job->svg);
	return 0;
fail:;
	int fds[] = {in, po[0], po[1], pe[0], pe[1]};
	for (size_t k = 0; k < BAGU_ARRAY_LEN(fds); k++)
		if (fds[k] >= 0)
			close(fds[k]);
	c->pid = 0;
	return -1;
}

/* Reads what is there; returns true when both pipes are at EOF. */
static bool drain(struct child *c)
{
	char buf[16384];
	int *fds[2] = {&c->out, &c->err};
	for (int k = 0; k < 2; k++) {
		while (*fds[k] >= 0) {
			ssize_t r = read(*fds[k], buf, sizeof(buf));
			if (r > 0) {
				struct strbuf *sb = k == 0 ? &c->job->svg : &c->errbuf;
				if (sb->len + (size_t)r > DIAGRAM_MAX_SVG) {
					c->too_big = true;
					close(*fds[k]);
					*fds[k] = -1;
				} else {
					strbuf_add(sb, buf, (size_t)r);
				}
			} else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
				close(*fds[k]);
				*fds[k] = -1;
			} else {
				break;
			}
		}
	}
	return c->out < 0 && c->err < 0;
}

/* Whether the child has exited (without blocking). */
static bool reap(struct child *c)
{
	if (!c->reaped && waitpid(c->pid, &c->status, WNOHANG) == c->pid)
		c->reaped = true;
	return c->reaped;
}

static void finish_msc(struct child *c, bool timed_out)
{
	if (!c->reaped) {
		kill(c->pid, SIGKILL);
		while (waitpid(c->pid, &c->status, 0) < 0 && errno == EINTR)
			;
	}
	int status = c->status;
	if (c->out >= 0)
		close(c->out);
	if (c->err >= 0)
		close(c->err);
	struct diagram_job *job = c->job;
	if (timed_out) {
		job_fail(job, 0, "mscgen took too long (limit %d s)", DIAGRAM_TIMEOUT_MS / 1000);
	} else if (c->too_big) {
		job_fail(job, 0, "the SVG is larger than %u bytes", DIAGRAM_MAX_SVG);
	} else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !job->svg.len) {
		/* "Error detected at line 3: Unknown destination entity 'c'." */
		const char *e = c->errbuf.buf;
		const char *at = strstr(e, "Error detected at line ");
		int line = 0;
		struct strbuf msg = STRBUF_INIT;
		if (at) {
			char *after;
			line = (int)strtol(at + 23, &after, 10);
			if (*after == ':')
				after++;
			while (*after == ' ')
				after++;
			const char *eol = strchr(after, '\n');
			strbuf_add(&msg, after, eol ? (size_t)(eol - after) : strlen(after));
		} else {
			const char *eol = strchr(e, '\n');
			strbuf_addstr(&msg, "mscgen failed");
			if (WIFEXITED(status))
				strbuf_addf(&msg, " (exit %d)", WEXITSTATUS(status));
			else
				strbuf_addstr(&msg, " (killed)");
			if (*e) {
				strbuf_addstr(&msg, ": ");
				strbuf_add(&msg, e, eol ? (size_t)(eol - e) : strlen(e));
			}
		}
		strbuf_rtrim(&msg);
		if (msg.len && msg.buf[msg.len - 1] == '.')
			msg.buf[--msg.len] = '\0';
		if (line < 0 || (size_t)line > job->len + 1)
			line = 0;
		job_fail(job, line, "%s", msg.buf);
		strbuf_release(&msg);
	}
	strbuf_release(&c->errbuf);
	c->pid = 0;
}

/* ---- the msc cache ----
 * mscgen costs ~30 ms of start-up per chart (it links 55 libraries), so its output is
 * kept in files named by a hash of the mscgen binary's size and mtime and the source;
 * each file also holds the source, compared in full on reading (a hash collision is a
 * miss, never a wrong picture). Errors are never cached. */

static char *cache_dir(void)
{
	const char *d = getenv("BAGU_DIAGRAM_CACHE");
	if (d)
		return *d && strcmp(d, "off") ? xstrdup(d) : NULL;
	const char *x = getenv("XDG_CACHE_HOME");
	if (x && *x == '/')
		return xasprintf("%s/bagu/diagrams", x);
	const char *h = getenv("HOME");
	return h && *h == '/' ? xasprintf("%s/.cache/bagu/diagrams", h) : NULL;
}

/* "SIZE-MTIME" of the mscgen that would run, or "" when it cannot be found. */
static void msc_identity(char *out, size_t cap)
{
	const char *prog = getenv("BAGU_MSCGEN");
	if (!prog || !*prog)
		prog = "mscgen";
	struct stat st;
	out[0] = '\0';
	if (strchr(prog, '/')) {
		if (!stat(prog, &st))
			snprintf(out, cap, "%lld-%lld", (long long)st.st_size, (long long)st.st_mtime);
		return;
	}
	const char *path = getenv("PATH");
	for (const char *p = path ? path : "/usr/bin:/bin"; *p;) {
		const char *c = strchr(p, ':');
		size_t l = c ? (size_t)(c - p) : strlen(p);
		char *f = xasprintf("%.*s/%s", (int)l, p, prog);
		bool ok = l && !stat(f, &st) && S_ISREG(st.st_mode) && !access(f, X_OK);
		free(f);
		if (ok) {
			snprintf(out, cap, "%lld-%lld", (long long)st.st_size, (long long)st.st_mtime);
			return;
		}
		p += l + (c != NULL);
	}
}

static char *cache_file(const char *dir, const char *ident, const struct diagram_job *job)
{
	uint64_t h = 1469598103934665603ull;
	for (const char *p = ident; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	h = (h ^ 0xff) * 1099511628211ull;
	for (size_t i = 0; i < job->len; i++)
		h = (h ^ (unsigned char)job->src[i]) * 1099511628211ull;
	return xasprintf("%s/%016llx.msc.svg", dir, (unsigned long long)h);
}

#define CACHE_MAGIC "bagu-diagram-cache 1\n"

static bool cache_get(const char *file, struct diagram_job *job)
{
	struct strbuf sb = STRBUF_INIT;
	struct bagu_err e;
	bool hit = false;
	size_t ml = strlen(CACHE_MAGIC);
	if (!read_file(file, DIAGRAM_MAX_SVG + DIAGRAM_MAX_SOURCE + 64, &sb, &e) && sb.len > ml &&
	    !memcmp(sb.buf, CACHE_MAGIC, ml)) {
		char *end;
		unsigned long long sl = strtoull(sb.buf + ml, &end, 10);
		size_t off = (size_t)(end - sb.buf) + 1;
		if (*end == '\n' && sl == job->len && off + sl < sb.len && !memcmp(sb.buf + off, job->src, sl)) {
			strbuf_reset(&job->svg);
			strbuf_add(&job->svg, sb.buf + off + sl, sb.len - off - sl);
			hit = true;
		}
	}
	strbuf_release(&sb);
	return hit;
}

static void cache_put(const char *dir, const char *file, const struct diagram_job *job)
{
	struct bagu_err e;
	if (mkdir_p(dir, &e))
		return;
	char *tmp = xasprintf("%s.%ld.tmp", file, (long)getpid());
	FILE *f = fopen(tmp, "wbx");
	if (!f) {
		free(tmp);
		return;
	}
	fprintf(f, CACHE_MAGIC "%zu\n", job->len);
	fwrite(job->src, 1, job->len, f);
	fwrite(job->svg.buf, 1, job->svg.len, f);
	if (fclose(f) || rename(tmp, file))
		unlink(tmp);
	free(tmp);
}

void diagram_render(struct diagram_job *jobs, size_t n)
{
	struct child kids[MAX_CHILDREN];
	size_t nkids = 0, next_msc = 0, next_dot = 0;
	char *cdir = cache_dir();
	char ident[64];
	char **cfile = xcalloc(n ? n : 1, sizeof(char *));
	bool *cached = xcalloc(n ? n : 1, sizeof(bool));
	if (cdir)
		msc_identity(ident, sizeof(ident));
	for (size_t i = 0; i < n; i++) {
		struct bagu_err e;
		int line;
		free(jobs[i].error);
		jobs[i].error = NULL;
		jobs[i].line = 0;
		if (jobs[i].svg.alloc == 0)
			strbuf_init(&jobs[i].svg, 0);
		if (diagram_lint(jobs[i].kind, jobs[i].src, jobs[i].len, &line, &e))
			job_fail(&jobs[i], line, "%s", e.msg);
		else if (cdir && *ident && jobs[i].kind == DIAGRAM_MSC) {
			cfile[i] = cache_file(cdir, ident, &jobs[i]);
			cached[i] = cache_get(cfile[i], &jobs[i]);
		}
	}
	for (;;) {
		/* start children */
		while (nkids < MAX_CHILDREN && next_msc < n) {
			struct diagram_job *j = &jobs[next_msc++];
			if (j->kind != DIAGRAM_MSC || j->error || cached[j - jobs])
				continue;
			if (start_msc(&kids[nkids], j) == 0)
				nkids++;
		}
		while (next_dot < n && (jobs[next_dot].kind != DIAGRAM_DOT || jobs[next_dot].error))
			next_dot++;
		bool dot_left = next_dot < n;
		if (!nkids && !dot_left && next_msc >= n)
			break;
		if (dot_left)
			render_dot(&jobs[next_dot++]);
		if (!nkids)
			continue;
		struct pollfd pfd[2 * MAX_CHILDREN];
		int np = 0;
		long long now = now_ms(), wait = dot_left ? 0 : 1000;
		for (size_t k = 0; k < nkids; k++) {
			if (kids[k].out >= 0)
				pfd[np++] = (struct pollfd){.fd = kids[k].out, .events = POLLIN};
			if (kids[k].err >= 0)
				pfd[np++] = (struct pollfd){.fd = kids[k].err, .events = POLLIN};
			long long left = kids[k].deadline - now;
			if (left < wait)
				wait = left < 0 ? 0 : left;
		}
		if (np)
			poll(pfd, (nfds_t)np, (int)wait);
		else
			poll(NULL, 0, wait < 5 ? (int)wait : 5); /* pipes closed: waiting for exit */
		now = now_ms();
		for (size_t k = 0; k < nkids;) {
			bool done = drain(&kids[k]) && reap(&kids[k]); /* output read and exited */
			bool late = now >= kids[k].deadline;
			if (done || late || kids[k].too_big) {
				struct diagram_job *j = kids[k].job;
				finish_msc(&kids[k], late && !done);
				if (!j->error && cfile[j - jobs])
					cache_put(cdir, cfile[j - jobs], j);
				kids[k] = kids[--nkids];
			} else {
				k++;
			}
		}
	}
	for (size_t i = 0; i < n; i++)
		free(cfile[i]);
	free(cfile);
	free(cached);
	free(cdir);
}
