/* i18n.c - sets up gettext's catalogue and says which language it chose. */
#include "itmaturity/i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

const char *const i18n_langs[] = { "en", "nl", "fr", NULL };

bool i18n_known(const char *lang)
{
	for (size_t i = 0; i18n_langs[i]; i++)
		if (strcmp(lang, i18n_langs[i]) == 0)
			return true;
	return false;
}

const char *i18n_dir(void)
{
	const char *dir = getenv("ITMATURITY_LOCALEDIR");
	return dir && *dir ? dir : ITM_LOCALEDIR;
}

void i18n_init(const char *lang)
{
	if (lang) {
		/* LANGUAGE outranks LC_MESSAGES and LANG in gettext, but is
		 * ignored in the C locale: messages then follow C.UTF-8, which
		 * changes nothing else. */
		setenv("LANGUAGE", lang, 1);
		const char *m = setlocale(LC_MESSAGES, NULL);
		if (m && (strcmp(m, "C") == 0 || strcmp(m, "POSIX") == 0))
			setlocale(LC_MESSAGES, "C.UTF-8");
	}
	bindtextdomain("itmaturity", i18n_dir());
	bind_textdomain_codeset("itmaturity", "UTF-8");
	textdomain("itmaturity");
}

const char *i18n_lang(void)
{
	/* TRANSLATORS: the code of the language you translate into: nl or fr. */
	const char *l = _("en");
	return i18n_known(l) ? l : "en";
}
