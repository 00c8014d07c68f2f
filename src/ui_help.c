/* ui_help.c - the key help screen: every binding of the key table and
 * where it works. */
#include <curses.h>

#include "itmaturity/i18n.h"
#include "itmaturity/keys.h"

#include "ui_impl.h"

static void help_draw(struct ui *ui)
{
	char title[96];
	/* TRANSLATORS: the help screen's title; %s is a separator dot. */
	snprintf(title, sizeof(title), _("itmaturity %s keys"), ui_sym(US_SEP));
	ui_title(ui, title, NULL);
	char **v;
	size_t n = keys_help_lines(KS_ALL, &v);
	struct ui_canvas c;
	ui_cv_init(&c, 1, LINES - 2, 1, COLS - 2, ui->scroll);
	ui_cv_line(&c);
	ui_cv_text(ui, &c, 0, NULL, 0, _("Every key of the wizard, and where it works [in brackets]. "
		"Ctrl-C leaves at once; every answer is already saved, so the draft is kept."),
		ui_attr(ui, UC_HEAD));
	ui_cv_line(&c);
	for (size_t i = 0; i < n; i++)
		ui_cv_text(ui, &c, 0, NULL, 0, v[i], A_NORMAL);
	keys_lines_free(v, n);
	ui_cv_end(ui, &c);
}

static struct ui_nav help_key(struct ui *ui, enum keys_action a, int key)
{
	(void)key;
	if (a == KA_BACK)
		return (struct ui_nav){ .go = UI_GO_BACK };
	ui_scroll_key(ui, a);
	return (struct ui_nav){ .go = UI_GO_STAY };
}

static const struct ui_screen help_screen = { "help", KS_HELP, help_draw, help_key };

void ui_help_open(struct ui *ui)
{
	ui_goto(ui, &help_screen);
}
