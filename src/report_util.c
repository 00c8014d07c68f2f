/* report_util.c - text layout shared by the output formats: character
 * widths, word wrapping, fixed-width table cells. */
#include "itmaturity/report.h"

#include <string.h>

/* Characters (not bytes) in the first N bytes of S. */
int report_width(const char *s, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n; i++)
		w += ((unsigned char)s[i] & 0xC0) != 0x80;
	return w;
}

void report_wrap(FILE *out, const char *text, int first_indent, int indent, int width)
{
	int col = 0, pad = first_indent;
	const char *p = text;
	bool line_empty = true;
	while (*p) {
		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		if (!*p)
			break;
		size_t n = strcspn(p, " \n\t");
		int w = report_width(p, n);
		if (!line_empty && col + 1 + w > width) {
			fputc('\n', out);
			line_empty = true;
			pad = indent;
		}
		if (line_empty) {
			fprintf(out, "%*s", pad, "");
			col = pad;
		} else {
			fputc(' ', out);
			col++;
		}
		fwrite(p, 1, n, out);
		col += w;
		line_empty = false;
		p += n;
	}
	if (!line_empty)
		fputc('\n', out);
}

void report_cell(FILE *out, const char *s, int width)
{
	size_t n = strlen(s);
	int w = report_width(s, n);
	if (w <= width) {
		fputs(s, out);
		fprintf(out, "%*s", width - w, "");
		return;
	}
	/* Cut at a character boundary and mark the cut. */
	int kept = 0;
	size_t i = 0;
	while (i < n && kept < width - 1) {
		i++;
		while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		kept++;
	}
	fwrite(s, 1, i, out);
	fputs("\u2026", out);
}
