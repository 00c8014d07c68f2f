/* outfile.c - output files created new, and removed when writing fails. */
#include "itmaturity/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "itmaturity/i18n.h"

FILE *outfile_create(const char *path, struct itm_errors *e)
{
	if (!path)
		return stdout;
	int fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		errs_add(e, path, 0, 0, _("cannot create: %s"), strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	return f;
}

int outfile_finish(FILE *out, const char *path, int rc, struct itm_errors *e)
{
	if (fflush(out) != 0 || ferror(out)) {
		if (rc == ITM_OK)
			errs_add(e, path ? path : _("standard output"), 0, 0, _("write error: %s"), strerror(errno));
		rc = ITM_FAIL;
		/* Said once: the command line's last check of standard output
		 * need not say it again. */
		clearerr(out);
	}
	if (path) {
		if (fclose(out) != 0 && rc == ITM_OK) {
			errs_add(e, path, 0, 0, _("write error: %s"), strerror(errno));
			rc = ITM_FAIL;
		}
		if (rc != ITM_OK)
			unlink(path);
	}
	return rc;
}
