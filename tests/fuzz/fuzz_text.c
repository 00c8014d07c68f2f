/* fuzz_text.c - libFuzzer target: names, notes and the terminal-safe
 * rendering of the text module on arbitrary bytes. Checks what it
 * promises: an accepted name is trimmed, UTF-8, free of control characters
 * and within its length; text_safe's result is safe itself and valid
 * UTF-8; text_fit never splits a character nor exceeds its columns. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/text.h"
#include "itmaturity/util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);  /* up to the first NUL */
	size_t n = strlen(s);
	char *name;
	if (!text_name(s, &name)) {
		size_t k = strlen(name);
		if (!k || name[0] == ' ' || name[k - 1] == ' ' || !text_utf8(name, k) || !text_is_safe(name, true))
			__builtin_trap();
		free(name);
	} else if (name) {
		__builtin_trap();  /* refused, yet a name was handed out */
	}
	if (!text_note(s) && !text_is_safe(s, false))
		__builtin_trap();
	for (int one_line = 0; one_line < 2; one_line++) {
		char *safe = text_safe(s, one_line);
		if (!text_is_safe(safe, one_line) || !text_utf8(safe, strlen(safe)))
			__builtin_trap();
		if (text_is_safe(s, one_line) && strcmp(safe, s) != 0)
			__builtin_trap();  /* safe text is left as it is */
		free(safe);
	}
	int cols = (int)(size % 97);
	size_t fit = text_fit(s, cols);
	if (fit > n || text_width(s, fit) > cols || (fit == n) != (text_width(s, n) <= cols))
		__builtin_trap();
	if (text_utf8(s, n) && !text_utf8(s, fit))
		__builtin_trap();  /* a cut in the middle of a character */
	free(s);
	return 0;
}
