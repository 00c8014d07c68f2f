/* main.c - itmaturity: measure the maturity of a small business's IT. */
#include <locale.h>

#include "itmaturity/cli.h"

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	return cli_main(argc, argv);
}
