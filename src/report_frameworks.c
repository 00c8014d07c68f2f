/* report_frameworks.c - the reports' section on where the assessment
 * stands against CyberFundamentals BASIC and Cyber Essentials
 * (score_frameworks), in every format; each format calls it with one
 * line, and it writes nothing when the questionnaire references none of
 * their controls. All it writes is the tool's own text, the catalogue's
 * (free of markup, test_framework checks) and question ids (letters,
 * digits, '-' and '.'), so nothing needs escaping. */
#include "itmaturity/report.h"

#include <stdlib.h>
#include <string.h>

#include "itmaturity/i18n.h"
#include "itmaturity/jsonw.h"

enum { WIDTH = 78 };

/* The heading and the disclaimer go into HTML as they are: their
 * translations hold no '<', '>', '&' or '"' either. */
static const char title[] = N_("Where it stands against the frameworks");
/* TRANSLATORS: written into HTML as it is: no '<', '>' or '&'; the words
 * for the statuses are those of "met", "partly met", ... */
static const char disclaimer[] =
	N_("This is an indication from a self-assessment, not a certification or an audit: it shows "
	   "which controls these answers give evidence for. Met: every question that gives evidence "
	   "for the control is answered at or above its threshold; partly met: some are; unknown: one "
	   "is answered \"don't know\" or not yet; not covered: no question of this questionnaire "
	   "asks about it. Key measures come first.");

/* "34 controls: met 3, partly met 1, ..., not covered 20; key measures
 * met: 2 of 13." Caller frees. */
static char *summary(const struct score_framework *f)
{
	size_t n[FW_N_STATUSES] = { 0 }, keys = 0, keys_met = 0;
	for (size_t c = 0; c < f->n_controls; c++) {
		const struct score_control *sc = &f->controls[c];
		n[sc->status]++;
		keys += sc->control->key_measure;
		keys_met += sc->control->key_measure && sc->status == FW_MET;
	}
	char *s;
	size_t len;
	FILE *m = open_memstream(&s, &len);
	/* TRANSLATORS: "34 controls: met 3, partly met 1, ..., not covered 20;
	 * key measures met: 2 of 13." (the statuses in between). */
	fprintf(m, ngettext("%zu control:", "%zu controls:", f->n_controls), f->n_controls);
	for (int st = 0; st < FW_N_STATUSES; st++)
		fprintf(m, "%s %s %zu", st ? "," : "", fw_status_words(st), n[st]);
	if (keys)
		fprintf(m, _("; key measures met: %zu of %zu"), keys_met, keys);
	fputc('.', m);
	fclose(m);
	return s;
}

/* "PR.AC-1.1 (key measure): met. TITLE. Evidence: a.b, c.d." Caller frees. */
static char *line(const struct score_control *sc)
{
	char *s;
	size_t len;
	FILE *m = open_memstream(&s, &len);
	/* TRANSLATORS: a control's id, its status and what it asks. */
	fprintf(m, sc->control->key_measure ? _("%s (key measure): %s. %s.") : _("%s: %s. %s."),
		sc->control->id, fw_status_words(sc->status), _(sc->control->title));
	for (size_t i = 0; i < sc->n_questions; i++)
		/* TRANSLATORS: before the ids of the questions that give evidence
		 * for a control; keep the leading space. */
		fprintf(m, "%s%s", i ? ", " : _(" Evidence: "), sc->questions[i]->ref);
	if (sc->n_questions)
		fputc('.', m);
	fclose(m);
	return s;
}

void report_frameworks_text(FILE *out, const struct report_input *in, bool markdown)
{
	struct score_framework *v = score_frameworks(in->answers);
	if (!v)
		return;
	report_heading(out, _(title), markdown);
	report_wrap(out, _(disclaimer), 0, 0, WIDTH);
	for (size_t f = 0; f < FW_N_FRAMEWORKS; f++) {
		char *s = summary(&v[f]);
		fprintf(out, markdown ? "\n### %s\n\n" : "\n%s\n", _(v[f].framework->title));
		report_wrap(out, s, 0, 0, WIDTH);
		free(s);
		if (markdown)
			fputc('\n', out);
		for (size_t c = 0; c < v[f].n_controls; c++) {
			s = line(&v[f].controls[c]);
			fputs("- ", out);
			report_wrap_from(out, s, 2, 2, WIDTH);
			free(s);
		}
	}
	score_frameworks_free(v);
}

void report_frameworks_csv(FILE *out, const struct report_input *in)
{
	struct score_framework *v = score_frameworks(in->answers);
	if (!v)
		return;
	fputs("\r\nframework,control,title,key_measure,status,questions\r\n", out);
	for (size_t f = 0; f < FW_N_FRAMEWORKS; f++)
		for (size_t c = 0; c < v[f].n_controls; c++) {
			const struct score_control *sc = &v[f].controls[c];
			fprintf(out, "%s,%s,\"%s\",%s,%s,", v[f].framework->id, sc->control->id,
				_(sc->control->title), sc->control->key_measure ? "true" : "false",
				fw_status_name(sc->status));
			for (size_t i = 0; i < sc->n_questions; i++)
				fprintf(out, "%s%s", i ? " " : "", sc->questions[i]->ref);
			fputs("\r\n", out);
		}
	score_frameworks_free(v);
}

void report_frameworks_json(struct jsonw *w, const struct report_input *in)
{
	struct score_framework *v = score_frameworks(in->answers);
	if (!v)
		return;
	jw_key(w, "frameworks"), jw_arr(w);
	for (size_t f = 0; f < FW_N_FRAMEWORKS; f++) {
		jw_obj(w);
		jw_key(w, "id"), jw_str(w, v[f].framework->id);
		jw_key(w, "title"), jw_str(w, _(v[f].framework->title));
		jw_key(w, "controls"), jw_arr(w);
		for (size_t c = 0; c < v[f].n_controls; c++) {
			const struct score_control *sc = &v[f].controls[c];
			jw_obj(w);
			jw_key(w, "id"), jw_str(w, sc->control->id);
			jw_key(w, "title"), jw_str(w, _(sc->control->title));
			jw_key(w, "key_measure"), jw_bool(w, sc->control->key_measure);
			jw_key(w, "status"), jw_str(w, fw_status_name(sc->status));
			jw_key(w, "questions"), jw_arr(w);
			for (size_t i = 0; i < sc->n_questions; i++)
				jw_str(w, sc->questions[i]->ref);
			jw_end(w);
			jw_end(w);
		}
		jw_end(w);
		jw_end(w);
	}
	jw_end(w);
	score_frameworks_free(v);
}

void report_frameworks_html(FILE *out, const struct report_input *in)
{
	struct score_framework *v = score_frameworks(in->answers);
	if (!v)
		return;
	fprintf(out, "<h2>%s</h2>\n<p>%s</p>\n", _(title), _(disclaimer));
	for (size_t f = 0; f < FW_N_FRAMEWORKS; f++) {
		char *s = summary(&v[f]);
		/* TRANSLATORS: the columns of the HTML report's table of controls. */
		fprintf(out, "<h3>%s</h3>\n<p>%s</p>\n<table>\n<tr><th>%s</th><th>%s</th><th>%s</th>"
			"<th>%s</th></tr>\n", _(v[f].framework->title), s, _("Control"), _("Status"),
			_("What it asks"), _("Evidence"));
		free(s);
		for (size_t c = 0; c < v[f].n_controls; c++) {
			const struct score_control *sc = &v[f].controls[c];
			fputs("<tr><td>", out);
			/* TRANSLATORS: a control's id, "PR.AC-1.1 (key measure)". */
			fprintf(out, sc->control->key_measure ? _("%s (key measure)") : "%s", sc->control->id);
			fprintf(out, "</td><td>%s</td><td>%s</td><td>", fw_status_words(sc->status),
				_(sc->control->title));
			for (size_t i = 0; i < sc->n_questions; i++)
				fprintf(out, "%s%s", i ? ", " : "", sc->questions[i]->ref);
			fputs("</td></tr>\n", out);
		}
		fputs("</table>\n", out);
	}
	score_frameworks_free(v);
}
