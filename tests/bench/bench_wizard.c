/* bench_wizard.c - how fast the wizard answers: the time from starting
 * ./itmaturity to its first screen, and from each key press to the frame
 * that answers it. Runs the real binary on a pseudo-terminal (80x24) with
 * a key script (ITMATURITY_KEYS) and reads the timestamps it writes
 * (ITMATURITY_TRACE, CLOCK_MONOTONIC). Prints median, 90th percentile and
 * maximum in milliseconds.
 *
 * The same for a questionnaire of 10,000 questions (gen-questionnaire):
 * the first screen of a new assessment, answering, completing.
 *
 * usage: bench_wizard DIR   (run from the source tree: ./itmaturity and
 * ./questionnaires; DIR: where the databases go) */
#define _XOPEN_SOURCE 600
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "itmaturity/error.h"
#include "itmaturity/questionnaire.h"
#include "itmaturity/store.h"
#include "itmaturity/util.h"

enum { RUNS = 20 };

/* The quick scan answered through, whatever its questions: start, every
 * intro, each question with the option numbered 1 (value 1, or the first
 * of an unscored one), the review, complete, the results (scrolled), the
 * history, quit. The caller frees it. */
static char *quick_scan_script(void)
{
	struct itm_errors e = { 0 };
	struct qn_questionnaire *q = qn_load_file("questionnaires/quick-scan.yaml", QN_NO_SOURCE, &e);
	if (!q) {
		errs_print(stderr, &e);
		exit(1);
	}
	char *s = xstrdup("<Enter>");
	for (size_t d = 0; d < q->n_domains; d++) {
		char *ones = xcalloc(q->domains[d].n_questions + 1, 1);
		memset(ones, '1', q->domains[d].n_questions);
		char *t = xasprintf("%s<Enter>%s", s, ones);
		free(ones);
		free(s);
		s = t;
	}
	char *t = xasprintf("%sc<PgDn><PgDn><Down>h<Esc>q", s);
	free(s);
	qn_free(q);
	errs_free(&e);
	return t;
}
/* The start screen of the full assessment, then quit. */
static const char first_only[] = "q";
/* The language the runs are in (--lang). */
static const char *lang = "en";
/* At 10,000 questions: start, the first intro, 30 answers, the review,
 * complete, the history, quit. */
enum { LARGE_RUNS = 5, LARGE_ANSWERS = 30 };

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void report(const char *what, double *v, size_t n)
{
	if (!n) {
		printf("%-44s no samples\n", what);
		return;
	}
	qsort(v, n, sizeof(*v), cmp_double);
	printf("%-44s %8.2f ms  p90 %8.2f ms  max %8.2f ms  (n=%zu)\n", what, v[n / 2], v[n * 9 / 10],
	       v[n - 1], n);
}

/* Runs the wizard with SCRIPT on a new pty; returns the fork time. */
static double run(const char *dir, int i, const char *script, char **args, const char *trace)
{
	char db[512];
	snprintf(db, sizeof(db), "%s/wizard-%d.db", dir, i);
	unlink(db);
	unlink(trace);
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0 || grantpt(m) || unlockpt(m)) {
		perror("bench_wizard: pty");
		exit(1);
	}
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	char *slave = xstrdup(ptsname(m));
	double t = now_ms();
	pid_t pid = fork();
	if (pid < 0) {
		perror("bench_wizard: fork");
		exit(1);
	}
	if (pid == 0) {
		setsid();
		int s = open(slave, O_RDWR);
		if (s < 0)
			_exit(126);
		ioctl(s, TIOCSCTTY, 0);
		ioctl(s, TIOCSWINSZ, &ws);
		dup2(s, 0);
		dup2(s, 1);
		dup2(s, 2);
		close(m);
		setenv("TERM", "xterm-256color", 1);
		setenv("ITMATURITY_KEYS", script, 1);
		setenv("ITMATURITY_TRACE", trace, 1);
		setenv("HOME", dir, 1);
		char *data = xasprintf("%s/data", dir);  /* the catalogue's own folder */
		setenv("XDG_DATA_HOME", data, 1);
		/* The language: the catalogue as built, LANG as given. */
		setenv("ITMATURITY_LOCALEDIR", "build/locale", 1);
		char *argv[16] = { "./itmaturity", "--db", db, "--lang", (char *)lang };
		size_t a = 5;
		for (size_t k = 0; args && args[k] && a < 15; k++)
			argv[a++] = args[k];
		argv[a] = NULL;
		execv(argv[0], argv);
		_exit(127);
	}
	free(slave);
	char buf[4096];
	for (;;) {
		ssize_t r = read(m, buf, sizeof(buf));
		if (r > 0 || (r < 0 && errno == EINTR))
			continue;
		break;
	}
	int st;
	waitpid(pid, &st, 0);
	close(m);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "bench_wizard: ./itmaturity exited with status %d\n", WEXITSTATUS(st));
		exit(1);
	}
	return t;
}

/* Reads the trace: the first frame's time, and each key's latency to the
 * next frame. */
static void read_trace(const char *trace, double t_fork, double *first, double *start,
		       double **lat, size_t *n, size_t *cap)
{
	FILE *f = fopen(trace, "r");
	if (!f) {
		perror(trace);
		exit(1);
	}
	char line[256], ev[32];
	double t, key = -1;
	*first = *start = -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lf %31s", &t, ev) != 2)
			continue;
		if (strcmp(ev, "start") == 0) {
			*start = t - t_fork;
		} else if (strcmp(ev, "frame") == 0) {
			if (*first < 0)
				*first = t - t_fork;
			if (key >= 0) {
				grow_array((void **)lat, cap, *n + 1, sizeof(**lat));
				(*lat)[(*n)++] = t - key;
				key = -1;
			}
		} else if (strcmp(ev, "key") == 0) {
			key = t;
		}
	}
	fclose(f);
}

/* Whether run I left one complete assessment of questionnaire QN_ID with
 * ANSWERS answers (0: any number) in its database; says so when not. */
static bool one_complete(const char *dir, int i, const char *qn_id, size_t answers)
{
	char *db = xasprintf("%s/wizard-%d.db", dir, i), *err = NULL;
	struct store *st = store_open(db, &(struct store_open_opts){ .read_only = true }, &err);
	struct store_assessment *v = NULL;
	size_t nv = 0, na = 0;
	struct store_answer *an = NULL;
	bool ok = st && !store_assessment_list(st, &(struct store_filter){ .status = STORE_COMPLETE }, &v, &nv) &&
		  nv == 1 && strcmp(v[0].qn_id, qn_id) == 0 && !store_answers(st, v[0].id, &an, &na) &&
		  (!answers || na == answers);
	if (!ok)
		fprintf(stderr, "bench_wizard: %s: not one complete assessment of %s\n", db, qn_id);
	store_answers_free(an, na);
	store_assessments_free(v, nv);
	if (st)
		store_close(st);
	free(err);
	free(db);
	return ok;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: bench_wizard DIR\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	char *abs = realpath(argv[1], NULL);  /* XDG_DATA_HOME must be absolute */
	if (!abs) {
		perror(argv[1]);
		return 1;
	}
	argv[1] = abs;
	char *trace = xasprintf("%s/wizard.trace", argv[1]);
	char *rm = xasprintf("rm -rf '%s/data'", argv[1]);  /* the bundled ones only, at first */
	if (system(rm) != 0)
		return 1;
	/* Each run in Dutch (its questionnaires' translations, its messages),
	 * then in English, one after the other, so that the machine's load
	 * falls on both alike. */
	static const char *const langs[2] = { "nl", "en" };
	double first[2][RUNS], started[2][RUNS], qfirst[2][RUNS];
	double *lat[2] = { NULL, NULL };
	size_t nlat[2] = { 0, 0 }, cap[2] = { 0, 0 };
	for (int i = 0; i < RUNS; i++) {
		for (int l = 0; l < 2; l++) {
			lang = langs[l];
			double t = run(argv[1], i, first_only, NULL, trace);
			double *none = NULL;
			size_t nn = 0, nc = 0;
			read_trace(trace, t, &first[l][i], &started[l][i], &none, &nn, &nc);
			free(none);
		}
	}
	char *qargs[] = { "assess", "--org", "Bench Café", "--respondent", "Zoë", "--role", "owner",
			  "--questionnaire", "quick-scan", NULL };
	char *quick_scan = quick_scan_script();
	for (int i = 0; i < RUNS; i++) {
		for (int l = 0; l < 2; l++) {
			lang = langs[l];
			double t = run(argv[1], i, quick_scan, qargs, trace);
			double s;
			read_trace(trace, t, &qfirst[l][i], &s, &lat[l], &nlat[l], &cap[l]);
			if (!one_complete(argv[1], i, "quick-scan", 0))
				return 1;
		}
	}
	free(quick_scan);
	for (int l = 0; l < 2; l++) {
		printf("-- --lang %s\n", langs[l]);
		report("start to first screen (process start)", first[l], RUNS);
		report("  of which before the wizard's code runs", started[l], RUNS);
		report("start to first screen, assess --org (new org)", qfirst[l], RUNS);
		report("key press to frame (quick scan, saves incl.)", lat[l], nlat[l]);
	}
	free(lat[0]);
	lang = "en";

	/* 10,000 questions, installed in the catalogue's own folder. */
	char *folder = xasprintf("%s/data/itmaturity/questionnaires", argv[1]);
	char *gen = xasprintf("mkdir -p '%s' && tests/bench/gen-questionnaire 10000 >'%s/large.yaml'",
			      folder, folder);
	if (system(gen) != 0) {
		fprintf(stderr, "bench_wizard: failed: %s\n", gen);
		return 1;
	}
	char script[512] = "<Enter><Enter>";
	for (int k = 0; k < LARGE_ANSWERS; k++)
		strcat(script, "2");
	strcat(script, "rch<Esc>q");
	char *largs[] = { "assess", "--org", "Bench", "--respondent", "R", "--role", "owner",
			  "--questionnaire", "generated-10000", NULL };
	double lfirst[LARGE_RUNS], begin[LARGE_RUNS], answer[LARGE_RUNS * LARGE_ANSWERS],
		review[LARGE_RUNS], done[LARGE_RUNS], hist[LARGE_RUNS];
	for (int i = 0; i < LARGE_RUNS; i++) {
		double t = run(argv[1], i, script, largs, trace), s;
		free(lat[1]);
		lat[1] = NULL;
		nlat[1] = cap[1] = 0;
		read_trace(trace, t, &lfirst[i], &s, &lat[1], &nlat[1], &cap[1]);
		const double *k = lat[1];
		/* Enter, Enter, the answers, r, c, h, Esc (q draws nothing). */
		if (nlat[1] != 2 + LARGE_ANSWERS + 4) {
			fprintf(stderr, "bench_wizard: %zu frames answered keys, not %d\n", nlat[1],
				2 + LARGE_ANSWERS + 4);
			return 1;
		}
		/* It was that questionnaire, completed with those answers. */
		if (!one_complete(argv[1], i, "generated-10000", LARGE_ANSWERS))
			return 1;
		begin[i] = k[0];
		memcpy(&answer[i * LARGE_ANSWERS], k + 2, LARGE_ANSWERS * sizeof(*k));
		review[i] = k[2 + LARGE_ANSWERS];
		done[i] = k[3 + LARGE_ANSWERS];
		hist[i] = k[4 + LARGE_ANSWERS];
	}
	if (system(rm) != 0)
		return 1;
	report("10,000 questions: start to first screen", lfirst, LARGE_RUNS);
	report("10,000 questions: begin (load, hash, save)", begin, LARGE_RUNS);
	report("10,000 questions: answer (save, score, draw)", answer, LARGE_RUNS * LARGE_ANSWERS);
	report("10,000 questions: the review page", review, LARGE_RUNS);
	report("10,000 questions: complete, results drawn", done, LARGE_RUNS);
	report("10,000 questions: the history", hist, LARGE_RUNS);
	free(rm);
	free(gen);
	free(folder);
	free(lat[1]);
	free(trace);
	free(abs);
	return 0;
}
