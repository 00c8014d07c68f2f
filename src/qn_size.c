/* qn_size.c - the organisation sizes that a questionnaire's domain targets
 * may depend on: their keys and what they mean. */
#include "itmaturity/questionnaire.h"

#include <string.h>

#include "itmaturity/i18n.h"

static const struct {
	const char *name, *title, *people;
} sizes[QN_N_SIZES] = {
	/* TRANSLATORS: an organisation's size, as a person reads it (the
	 * command line takes the keys micro, small, medium), then what it
	 * means (the wizard shows them side by side, in about 30 columns). */
	[QN_MICRO] = { "micro", N_("micro"), N_("fewer than 10 people") },
	[QN_SMALL] = { "small", N_("small"), N_("10 to 49 people") },
	[QN_MEDIUM] = { "medium", N_("medium"), N_("50 to 249 people") },
};

const char *qn_size_name(enum qn_size size)
{
	return sizes[size].name;
}

const char *qn_size_title(enum qn_size size)
{
	return _(sizes[size].title);
}

const char *qn_size_people(enum qn_size size)
{
	return _(sizes[size].people);
}

bool qn_size_parse(const char *s, enum qn_size *out)
{
	for (size_t i = 0; i < QN_N_SIZES; i++)
		if (strcmp(s, sizes[i].name) == 0) {
			*out = (enum qn_size)i;
			return true;
		}
	return false;
}
