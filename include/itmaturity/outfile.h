/* outfile.h - files a command writes its output to: created with mode
 * 0600, never over an existing file or through a link, and removed again
 * when writing them fails, so that no half file is left behind. */
#ifndef ITM_OUTFILE_H
#define ITM_OUTFILE_H

#include <stdio.h>

#include "itmaturity/error.h"

/* Creates PATH for writing; NULL PATH is standard output. Returns NULL,
 * with the reason added to E, on failure. */
FILE *outfile_create(const char *path, struct itm_errors *e);
/* Flushes OUT and closes what outfile_create opened (not standard output).
 * A file is removed when RC is not ITM_OK or writing it failed. Returns
 * RC, or ITM_FAIL with the reason added to E on a write error. */
int outfile_finish(FILE *out, const char *path, int rc, struct itm_errors *e);

#endif
