/* qn_catalog.c - the questionnaire search folders, the catalogue of the
 * questionnaires found there, and resolving an id or a file name. */
#include "itmaturity/questionnaire.h"

#include "qn_impl.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "itmaturity/i18n.h"

/* The installed share folder, compiled in (the Makefile's DATADIR);
 * $ITMATURITY_DATADIR replaces it, so that tests see only their own. */
#ifndef ITM_DATADIR
#define ITM_DATADIR "/usr/local/share/itmaturity"
#endif

size_t qn_dirs(char ***dirs)
{
	char *cand[3];
	size_t nc = 0, n = 0;
	cand[nc++] = xstrdup("questionnaires");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	if (xdg && xdg[0] == '/')
		cand[nc++] = xasprintf("%s/itmaturity/questionnaires", xdg);
	else if (home && home[0])
		cand[nc++] = xasprintf("%s/.local/share/itmaturity/questionnaires", home);
	const char *datadir = getenv("ITMATURITY_DATADIR");
	cand[nc++] = xasprintf("%s/questionnaires", datadir && *datadir ? datadir : ITM_DATADIR);

	/* Drop folders that do not exist and the same folder reached twice. */
	char **out = xcalloc(nc, sizeof(*out));
	char *real[3] = { NULL, NULL, NULL };
	for (size_t i = 0; i < nc; i++) {
		char *r = realpath(cand[i], NULL);
		bool dup = !r;
		for (size_t j = 0; r && j < n; j++)
			dup |= strcmp(real[j], r) == 0;
		if (dup) {
			free(r);
			free(cand[i]);
			continue;
		}
		real[n] = r;
		out[n++] = cand[i];
	}
	for (size_t i = 0; i < n; i++)
		free(real[i]);
	*dirs = out;
	return n;
}

void qn_dirs_free(char **dirs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(dirs[i]);
	free(dirs);
}

static bool is_yaml_name(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' &&
	       ((n > 5 && strcmp(name + n - 5, ".yaml") == 0) || (n > 4 && strcmp(name + n - 4, ".yml") == 0));
}

/* NAME.LL.yaml beside NAME.yaml is a translation (qn_translate.c), not
 * a questionnaire of its own. */
static bool is_translation(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	bool yes = qn_is_translation(path);
	free(path);
	return yes;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t qn_catalog(struct qn_entry **out, struct itm_errors *errs)
{
	char **dirs;
	size_t nd = qn_dirs(&dirs), n = 0, cap = 0;
	struct qn_entry *v = NULL;
	for (size_t d = 0; d < nd; d++) {
		DIR *dir = opendir(dirs[d]);
		if (!dir)
			continue;
		char **names = NULL;
		size_t nn = 0, ncap = 0;
		struct dirent *e;
		while ((e = readdir(dir))) {
			if (!is_yaml_name(e->d_name) || is_translation(dirs[d], e->d_name))
				continue;
			grow_array((void **)&names, &ncap, nn + 1, sizeof(*names));
			names[nn++] = xstrdup(e->d_name);
		}
		closedir(dir);
		if (nn > 1)
			qsort(names, nn, sizeof(*names), name_cmp);
		for (size_t i = 0; i < nn; i++) {
			grow_array((void **)&v, &cap, n + 1, sizeof(*v));
			struct qn_entry *en = &v[n++];
			memset(en, 0, sizeof(*en));
			en->path = xasprintf("%s/%s", dirs[d], names[i]);
			free(names[i]);
			struct qn_questionnaire *q = qn_load_listed(en->path, errs);
			if (!q)
				continue;
			en->id = xstrdup(q->id);
			en->version = xstrdup(q->version);
			en->title = xstrdup(q->title);
			en->n_domains = q->n_domains;
			en->n_questions = q->n_questions;
			en->minutes = q->minutes;
			qn_free(q);
		}
		free(names);
	}
	qn_dirs_free(dirs, nd);
	*out = v;
	return n;
}

void qn_catalog_free(struct qn_entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].id);
		free(v[i].version);
		free(v[i].title);
	}
	free(v);
}

static bool names_file(const char *arg)
{
	size_t n = strlen(arg);
	return strchr(arg, '/') || (n > 5 && strcmp(arg + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(arg + n - 4, ".yml") == 0);
}

struct qn_questionnaire *qn_resolve(const char *arg, struct itm_errors *errs)
{
	if (names_file(arg))
		return qn_load_file(arg, QN_SOURCE, errs);
	/* Errors of other files in the catalogue are not this lookup's. */
	struct itm_errors ignored = { 0 };
	struct qn_entry *v;
	size_t n = qn_catalog(&v, &ignored);
	errs_free(&ignored);
	struct qn_questionnaire *q = NULL;
	size_t i;
	for (i = 0; i < n && !(v[i].id && strcmp(v[i].id, arg) == 0); i++)
		;
	if (i < n)
		q = qn_load_file(v[i].path, QN_SOURCE, errs);
	else
		errs_add(errs, arg, 0, 0, _("no questionnaire with this id (see 'itmaturity questionnaires')"));
	qn_catalog_free(v, n);
	return q;
}
