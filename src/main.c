/* main.c - itmaturity: measure the maturity of a small business's IT. */
#include <locale.h>

#include "itmaturity/cli.h"

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* Numbers are read (questionnaires, answers, JSON) and written (JSON,
	 * CSV, reports) with a decimal point in every language: strtod and
	 * printf must not follow a locale's decimal comma (nl_BE, fr_BE). */
	setlocale(LC_NUMERIC, "C");
	return cli_main(argc, argv);
}
