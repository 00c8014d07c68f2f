/* i18n.h - the language of what a person reads: gettext's message
 * catalogue (po/, installed under share/locale), chosen by LC_ALL,
 * LC_MESSAGES, LANG and LANGUAGE as usual, or by --lang. Machine output
 * (JSON keys, CSV headers, ids, exit status) never goes through it.
 *
 * _("text") marks and translates a message; N_("text") only marks one
 * that is translated where it is used (a static table). */
#ifndef ITM_I18N_H
#define ITM_I18N_H

#include <libintl.h>
#include <stdbool.h>

#define _(s) gettext(s)
#define N_(s) s

/* The languages the tool has: "en" (the messages as written), "nl", "fr". */
extern const char *const i18n_langs[];
/* Whether LANG is one of them. */
bool i18n_known(const char *lang);
/* Binds the catalogue ($ITMATURITY_LOCALEDIR, else the installed
 * share/locale) and, when LANG is not NULL, uses LANG instead of what the
 * environment asks. Call once, after setlocale and before any message. */
void i18n_init(const char *lang);
/* Where the catalogue is looked for. */
const char *i18n_dir(void);
/* The language gettext found a catalogue for: "nl", "fr", or "en". */
const char *i18n_lang(void);

#endif
