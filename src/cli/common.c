/* common — helpers every subcommand shares: messages, database location, terminal. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/util.h"

int cli_fail(const char *fmt, ...)
{
	va_list ap;
	fputs("bagu: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_FAIL;
}

bool cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			return false;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	}
	return false;
}

char *cli_default_db(const char *flag_value)
{
	if (flag_value && *flag_value)
		return xstrdup(flag_value);
	const char *env = getenv("BAGU_DB");
	if (env && *env)
		return xstrdup(env);
	if (path_exists("build/content.db"))
		return xstrdup("build/content.db");
	/* next to the executable: <dir>/content.db (build tree) or <dir>/../share/bagu/content.db */
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			char *p = xasprintf("%s/content.db", exe);
			if (path_exists(p))
				return p;
			free(p);
			p = xasprintf("%s/../share/bagu/content.db", exe);
			if (path_exists(p))
				return p;
			free(p);
		}
	}
	return xstrdup("build/content.db");
}

bool cli_color(void)
{
	const char *nc = getenv("NO_COLOR");
	if (nc && *nc)
		return false;
	const char *term = getenv("TERM");
	if (term && !strcmp(term, "dumb"))
		return false;
	return isatty(STDOUT_FILENO);
}

int cli_term_width(void)
{
	int w = 0;
	const char *cols = getenv("COLUMNS");
	if (cols && *cols)
		w = atoi(cols);
	if (w <= 0) {
		struct winsize ws;
		if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col)
			w = ws.ws_col;
	}
	if (w <= 0)
		w = 80;
	if (w < 40)
		w = 40;
	if (w > 120)
		w = 120;
	return w;
}
