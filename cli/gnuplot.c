/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gnuplot.c - gnuplot scripts with safely quoted text, and running them. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gnuplot.h"

extern char **environ;

static const char *const term_names[] = {
	"pngcairo", "png", "svg", "pdfcairo", "cairolatex", "epslatex", "dumb"
};

int
gp_term_parse(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(term_names) / sizeof(term_names[0]); i++)
		if (strcmp(name, term_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *
gp_term_name(int term)
{
	return term_names[term];
}

int
gp_term_for(const char *output)
{
	const char *base = strrchr(output, '/'), *dot;

	dot = strrchr(base != NULL ? base + 1 : output, '.');
	if (dot == NULL)
		return -1;
	if (strcasecmp(dot, ".png") == 0)
		return GP_PNGCAIRO;
	if (strcasecmp(dot, ".svg") == 0)
		return GP_SVG;
	if (strcasecmp(dot, ".pdf") == 0)
		return GP_PDFCAIRO;
	if (strcasecmp(dot, ".tex") == 0)
		return GP_CAIROLATEX;
	return -1;
}

int
gp_latex(const struct gp *g)
{
	return g->term == GP_CAIROLATEX || g->term == GP_EPSLATEX;
}

void
gp_printf(struct gp *g, const char *fmt, ...)
{
	char small[256], *big;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		g->s.failed = 1;
		return;
	}
	if ((size_t)n < sizeof(small)) {
		out_printf(&g->s, "%s", small);
		return;
	}
	big = malloc((size_t)n + 1);
	if (big == NULL) {
		g->s.failed = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	out_printf(&g->s, "%s", big);
	free(big);
}

/* The length of a control character at s (C0, DEL, or C1 in UTF-8),
 * else 0.  A newline would start a new gnuplot command. */
static size_t
control(const unsigned char *s)
{
	if (*s < 0x20 || *s == 0x7f)
		return 1;
	if (s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f)
		return 2;
	return 0;
}

/* LaTeX's special characters of text mode, for LaTeX terminals. */
static const char *
latex_escape(unsigned char c)
{
	switch (c) {
	case '\\': return "\\textbackslash{}";
	case '{': return "\\{";
	case '}': return "\\}";
	case '&': return "\\&";
	case '%': return "\\%";
	case '$': return "\\$";
	case '#': return "\\#";
	case '_': return "\\_";
	case '~': return "\\textasciitilde{}";
	case '^': return "\\textasciicircum{}";
	case '<': return "\\textless{}";
	case '>': return "\\textgreater{}";
	case '|': return "\\textbar{}";
	default: return NULL;
	}
}

/*
 * s cleaned for a terminal: controls become spaces, LaTeX is escaped, and
 * quote, if not 0, is doubled.  gnuplot 5.4.4's scanner ends a string at
 * a doubled quote that opens it or follows another doubled quote: it reads
 * '''a' and 'a''''b' as two strings each, and rejects the command.  Such
 * an apostrophe is written as U+2019 instead.  Text cannot leave the
 * string either way: every run of quotes inside it has even length.
 */
static void
put_clean(struct gp *g, const char *s, char quote, int latex)
{
	const unsigned char *p = (const unsigned char *)s;
	const char *esc;
	int doubled = 1;	/* at the start, as after a doubled quote */
	size_t n;

	while (*p != '\0') {
		if ((n = control(p)) > 0) {
			out_printf(&g->s, " ");
			p += n;
			doubled = 0;
			continue;
		}
		if (latex && (esc = latex_escape(*p)) != NULL)
			out_printf(&g->s, "%s", *p == '%' && g->tic ? "\\%%" :
			    esc);
		else if (*p == '\'' && quote == '\'')
			out_printf(&g->s, "%s", doubled ? "\u2019" : "''");
		else if (*p == '%' && g->tic)
			out_printf(&g->s, "%%%%");
		else
			out_printf(&g->s, "%c", *p);
		doubled = *p == '\'' && quote == '\'' && !doubled;
		p++;
	}
}

void
gp_text(struct gp *g, const char *s)
{
	out_printf(&g->s, "'");
	put_clean(g, s != NULL ? s : "", '\'', gp_latex(g));
	out_printf(&g->s, "'");
}

void
gp_tic_text(struct gp *g, const char *s)
{
	g->tic = 1;
	gp_text(g, s);
	g->tic = 0;
}

void
gp_data_number(struct gp *g, double v)
{
	if (isnan(v))
		out_printf(&g->s, "NaN");	/* breaks a line: no data */
	else if (isinf(v))
		out_printf(&g->s, "%s", v > 0 ? "Inf" : "-Inf");
	else {
		char buf[32];
		int p;

		/* Whole numbers in full; else the shortest form that reads
		 * back as v, without an exponent from 1e-4 to 1e15, as the
		 * tools print numbers (util.c): scripts stay readable. */
		int plain = fabs(v) >= 1e-4 && fabs(v) < 1e15;

		if (v == floor(v) && fabs(v) < 1e15)
			snprintf(buf, sizeof(buf), "%.0f", v);
		else
			for (p = 1; p <= 17; p++) {
				snprintf(buf, sizeof(buf), "%.*g", p, v);
				if ((!plain || strchr(buf, 'e') == NULL) &&
				    strtod(buf, NULL) == v)
					break;
			}
		out_printf(&g->s, "%s", buf);
	}
}

/* A file name for `set output': never starting with '|' or '<', which
 * would make gnuplot run a command (TOOLCHAIN.md). */
static void
put_path(struct gp *g, const char *path)
{
	out_printf(&g->s, "'%s", path[0] == '/' || path[0] == '.' ? "" :
	    "./");
	put_clean(g, path, '\'', 0);
	out_printf(&g->s, "'");
}

static void
put_terminal(struct gp *g)
{
	double w = g->width, h = g->height;

	switch (g->term) {
	case GP_PNGCAIRO:
	case GP_PNG:
	case GP_SVG:
		gp_printf(g, "set terminal %s size %g,%g noenhanced font "
		    "'sans,10'%s\n", gp_term_name(g->term), w > 0 ? w : 800,
		    h > 0 ? h : 500, g->term == GP_SVG ? " background "
		    "'white'" : "");
		break;
	case GP_PDFCAIRO:
		gp_printf(g, "set terminal pdfcairo size %gin,%gin noenhanced "
		    "font 'sans,9'\n", w > 0 ? w : 5, h > 0 ? h : 3.5);
		break;
	case GP_CAIROLATEX:
	case GP_EPSLATEX:
		/* Text is typeset by LaTeX, escaped by put_clean. */
		gp_printf(g, "set terminal %s %ssize %gin,%gin\n",
		    gp_term_name(g->term), g->term == GP_CAIROLATEX ?
		    "pdf " : "color ", w > 0 ? w : 5, h > 0 ? h : 3.5);
		break;
	default:
		gp_printf(g, "set terminal dumb size %g,%g\n", w > 0 ? w : 79,
		    h > 0 ? h : 24);
	}
}

int
gp_begin(struct gp *g)
{
	gp_printf(g, "# Written by %s (%s %s); edit freely.\n", progname,
	    PACKAGE_NAME, PACKAGE_VERSION);
	gp_printf(g, "set encoding utf8\n");
	put_terminal(g);
	/* No markup in any text: user text is shown as it is. */
	gp_printf(g, "set termoption noenhanced\n");
	if (g->tmpdir != NULL) {
		const char *base = strrchr(g->output, '/');

		gp_printf(g, "set output ");
		out_printf(&g->s, "'");
		put_clean(g, g->tmpdir, '\'', 0);
		out_printf(&g->s, "/");
		put_clean(g, base != NULL ? base + 1 : g->output, '\'', 0);
		out_printf(&g->s, "'\n");
	} else if (g->script && g->output != NULL) {
		gp_printf(g, "set output ");
		put_path(g, g->output);
		gp_printf(g, "\n");
	}
	gp_printf(g, "set border 3\nset tics nomirror out\n"
	    "set grid ytics linecolor rgb '#dddddd'\n"
	    "set key top left opaque\n");
	return g->s.failed ? -1 : 0;
}

/* --- running gnuplot ------------------------------------------------------ */

static const char *
gnuplot_program(void)
{
	const char *p = getenv("GNUPLOT");

	return p != NULL && p[0] != '\0' ? p : "gnuplot";
}

/* Append n raw bytes (a PNG holds NULs, so no printf). */
static int
append(struct outbuf *o, const char *data, size_t n)
{
	if (o->cap - o->len < n) {
		size_t cap = o->cap * 2 + n + 4096;
		char *p;

		if (cap < n || (p = realloc(o->buf, cap)) == NULL) {
			o->failed = 1;
			return -1;
		}
		o->buf = p;
		o->cap = cap;
	}
	memcpy(o->buf + o->len, data, n);
	o->len += n;
	return 0;
}

/* Write the script to fd `to' while reading gnuplot's output from fd
 * `from', so that neither side blocks on a full pipe. */
static int
pump(int to, int from, const struct outbuf *script, struct outbuf *out)
{
	size_t sent = 0;
	char buf[65536];
	ssize_t n;

	fcntl(to, F_SETFL, fcntl(to, F_GETFL) | O_NONBLOCK);
	while (from >= 0) {
		struct pollfd p[2] = {
			{ from, POLLIN, 0 }, { to, POLLOUT, 0 }
		};

		if (poll(p, to >= 0 ? 2 : 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (to >= 0 && (p[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
			n = write(to, script->buf + sent, script->len - sent);
			if (n > 0)
				sent += (size_t)n;
			if ((n < 0 && errno != EAGAIN && errno != EINTR) ||
			    sent == script->len) {
				close(to);	/* gnuplot reads to the end */
				to = -1;
			}
		}
		if (p[0].revents & (POLLIN | POLLERR | POLLHUP)) {
			n = read(from, buf, sizeof(buf));
			if (n > 0 && append(out, buf, (size_t)n) != 0)
				return -1;
			if (n == 0 || (n < 0 && errno != EINTR &&
			    errno != EAGAIN))
				from = -1;
		}
	}
	if (to >= 0)
		close(to);
	return 0;
}

/* A pipe that gnuplot inherits only as its standard input or output. */
static int
pipe_cloexec(int fd[2])
{
	if (pipe(fd) != 0) {
		cli_warn("pipe: %s", strerror(errno));
		return -1;
	}
	fcntl(fd[0], F_SETFD, FD_CLOEXEC);
	fcntl(fd[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

static void
spawn_failed(const char *prog, int err)
{
	if (err == ENOENT)
		cli_warn("%s: not found. Install gnuplot (Debian: apt-get "
		    "install gnuplot-nox), set GNUPLOT to its path, or use "
		    "--script to get the script", prog);
	else
		cli_warn("%s: %s", prog, strerror(err));
}

/* Run gnuplot, never through a shell, with the script on its standard
 * input; collect its standard output in out.  Its messages go to ours. */
static int
run(const struct gp *g, struct outbuf *out)
{
	const char *prog = gnuplot_program();
	char *argv[] = { (char *)prog, NULL };
	posix_spawn_file_actions_t fa;
	struct sigaction ign, old;
	int in[2], res[2], rc, status;
	pid_t pid;

	if (pipe_cloexec(in) != 0)
		return -1;
	if (pipe_cloexec(res) != 0) {
		close(in[0]);
		close(in[1]);
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], STDIN_FILENO);
	posix_spawn_file_actions_adddup2(&fa, res[1], STDOUT_FILENO);
	rc = posix_spawnp(&pid, prog, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	close(res[1]);
	if (rc != 0) {
		close(in[1]);
		close(res[0]);
		spawn_failed(prog, rc);
		return -1;
	}
	/* If gnuplot stops reading, a write fails with EPIPE, no signal. */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);
	rc = pump(in[1], res[0], &g->s, out);
	close(res[0]);
	sigaction(SIGPIPE, &old, NULL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (rc != 0)
		cli_warn("%s: %s", prog, out->failed ? "out of memory" :
		    strerror(errno));
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		cli_warn("%s failed (%s %d); nothing written", prog,
		    WIFEXITED(status) ? "exit status" : "signal",
		    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		rc = -1;
	}
	return rc;
}

/* --- LaTeX terminals: two files, made in a directory beside the output -- */

/* dir/.mse-plot-XXXXXX beside output, on the same file system, so that
 * the finished files can be renamed into place. */
static int
make_tmpdir(struct gp *g)
{
	const char *slash = strrchr(g->output, '/');
	int dlen = slash != NULL ? (int)(slash - g->output) : 1;
	size_t size = (size_t)dlen + 34;

	g->tmpdir = malloc(size);
	if (g->tmpdir == NULL) {
		cli_warn("out of memory");
		return -1;
	}
	/* "./" before a relative directory, as put_path does: gnuplot
	 * reads `set output '|cmd'' as a pipe (TOOLCHAIN.md). */
	snprintf(g->tmpdir, size, "%s%.*s/.mse-plot-XXXXXX",
	    slash != NULL && g->output[0] != '/' && g->output[0] != '.' ?
	    "./" : "", dlen, slash != NULL ? g->output : ".");
	if (mkdtemp(g->tmpdir) == NULL) {
		cli_warn("%s: %s", g->tmpdir, strerror(errno));
		free(g->tmpdir);
		g->tmpdir = NULL;
		return -1;
	}
	return 0;
}

static int
read_file(const char *path, struct outbuf *o)
{
	char buf[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || append(o, buf, (size_t)n) != 0) {
			close(fd);
			return -1;
		}
	}
	return close(fd);
}

/* Copy in to out with every `from' replaced by `to'. */
static void
replace_all(const struct outbuf *in, const char *from, const char *to,
    struct outbuf *out)
{
	size_t i = 0, n = strlen(from), m = strlen(to);

	while (i < in->len) {
		if (in->len - i >= n && memcmp(in->buf + i, from, n) == 0) {
			append(out, to, m);
			i += n;
		} else
			append(out, in->buf + i++, 1);
	}
}

/* Paths of the LaTeX terminal's files: tmp/base.tex, tmp/stem.EXT, and
 * the graphic's final name.  "%s" with stem trimmed by 4 (".tex"). */
static char *
path_join(const char *a, const char *b, size_t trim, const char *ext)
{
	size_t n = strlen(a) + strlen(b) + strlen(ext) + 2;
	char *p = malloc(n);

	if (p != NULL)
		snprintf(p, n, "%s%s%.*s%s", a, a[0] != '\0' ? "/" : "",
		    (int)(strlen(b) - trim), b, ext);
	return p;
}

/* gnuplot wrote tmp/base.tex, which includes tmp/stem, and the graphic
 * tmp/stem.pdf or .eps: point the .tex at the final name, move the
 * graphic into place, then write the .tex atomically. */
static int
finish_latex(struct gp *g)
{
	const char *slash = strrchr(g->output, '/');
	const char *base = slash != NULL ? slash + 1 : g->output;
	const char *ext = g->term == GP_CAIROLATEX ? ".pdf" : ".eps";
	struct outbuf tex = { NULL, 0, 0, 0 }, fixed = { NULL, 0, 0, 0 };
	char *ttex = path_join(g->tmpdir, base, 0, "");
	char *tgr = path_join(g->tmpdir, base, 4, ext);
	char *from = path_join(g->tmpdir, base, 4, "}");
	char *to = path_join("", g->output, 4, "}");
	char *fgr = path_join("", g->output, 4, ext);
	int rc = -1;

	if (ttex == NULL || tgr == NULL || from == NULL || to == NULL ||
	    fgr == NULL)
		cli_warn("out of memory");
	else if (read_file(ttex, &tex) != 0)
		cli_warn("%s: %s", ttex, strerror(errno));
	else {
		/* The .tex first: if it cannot be written (a full disk),
		 * nothing has changed, the graphic included. */
		replace_all(&tex, from, to, &fixed);
		rc = out_finish(&fixed, g->output);
		if (rc == 0 && rename(tgr, fgr) != 0) {
			cli_warn("%s: %s", fgr, strerror(errno));
			rc = -1;
		}
	}
	unlink(ttex);
	unlink(tgr);
	rmdir(g->tmpdir);
	free(tex.buf);
	free(fixed.buf);
	free(ttex);
	free(tgr);
	free(from);
	free(to);
	free(fgr);
	return rc;
}

/* Remove what a failed run left in the directory gp_prepare made. */
static void
remove_tmpdir(const char *dir)
{
	struct dirent *e;
	char path[4096];
	DIR *d = opendir(dir);

	while (d != NULL && (e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 &&
		    strcmp(e->d_name, "..") != 0 &&
		    (size_t)snprintf(path, sizeof(path), "%s/%s", dir,
		    e->d_name) < sizeof(path))
			unlink(path);
	if (d != NULL)
		closedir(d);
	rmdir(dir);
}

int
gp_prepare(struct gp *g)
{
	if (!g->script && gp_latex(g))
		return make_tmpdir(g);
	return 0;
}

int
gp_finish(struct gp *g)
{
	struct outbuf out = { NULL, 0, 0, 0 };
	int rc;

	if (g->s.failed) {
		cli_warn("out of memory writing the script");
		rc = -1;
	} else if (g->script)
		return out_finish(&g->s, NULL);
	else {
		rc = run(g, &out);
		if (rc == 0 && g->tmpdir != NULL)
			rc = finish_latex(g);
		else if (rc == 0)
			rc = out_finish(&out, g->output);
	}
	if (rc != 0 && g->tmpdir != NULL)
		remove_tmpdir(g->tmpdir);
	free(g->tmpdir);
	g->tmpdir = NULL;
	free(out.buf);
	free(g->s.buf);
	g->s.buf = NULL;
	return rc;
}

void
gp_discard(struct gp *g)
{
	if (g->tmpdir != NULL)
		remove_tmpdir(g->tmpdir);
	free(g->tmpdir);
	g->tmpdir = NULL;
	free(g->s.buf);
	g->s.buf = NULL;
	g->s.len = g->s.cap = 0;
}
