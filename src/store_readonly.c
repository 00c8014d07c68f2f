/* store_readonly.c - opening a database to read it only: without writing
 * a byte of it or leaving a file beside it, and also where nothing can be
 * written at all (a read-only folder or mount, a full disk).
 *
 * A WAL database is read through its -wal and -shm files. A reader
 * creates them when they are missing and, not allowed to write, cannot
 * delete them again: they stay behind. Where they cannot be created (a
 * read-only folder) or the -shm cannot be grown (a full disk), it cannot
 * read at all (https://www.sqlite.org/wal.html, "Read-Only Databases").
 * So the way of reading depends on the -wal:
 *
 *  - Missing or empty: no committed change lies outside the database
 *    file, which is read alone, as an immutable file (the URI parameter
 *    immutable=1): nothing is created, locked or written. SQLite takes no
 *    lock then; the store takes one of its own for as long as it is open,
 *    a read lock on the bytes SQLite's readers lock (SHARED), taken before
 *    the -wal is looked at. A writer that is ending waits for it to be
 *    free, so the file is whole when it is read; a writer that starts
 *    meanwhile works in its own -wal, and when it ends it cannot copy it
 *    into the file (that needs the lock) and leaves it to the next reader.
 *    What is left: a writer that starts meanwhile and writes more than
 *    1000 pages (4 MB) before the reading is done copies them into the
 *    file without that lock, which a reader of a few milliseconds does not
 *    meet (the wizard does not open a database read-only).
 *  - Holding changes (a writer is at work, or one ended without cleaning
 *    up): they can only be read through the -shm, as any reader (mode=ro),
 *    which also sees what writers commit meanwhile. When the -shm cannot
 *    be made or grown, the database is refused, saying why. */
#define _GNU_SOURCE  /* F_OFD_SETLK */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "itmaturity/i18n.h"
#include "itmaturity/util.h"
#include "store_impl.h"

/* The bytes of the database file that SQLite's unix VFS read-locks for a
 * reader (SHARED) and write-locks before it writes the file (EXCLUSIVE),
 * in the lock-byte page at 1 GiB (https://www.sqlite.org/fileformat.html,
 * "The Lock-Byte Page"). */
enum { PENDING_BYTE = 0x40000000, SHARED_FIRST = PENDING_BYTE + 2, SHARED_SIZE = 510 };

/* An open file description's lock, not the process's: closing another
 * descriptor of the file does not drop it. */
#ifndef F_OFD_SETLK
#define F_OFD_SETLK F_SETLK
#endif

/* Read-locks PATH's SHARED bytes on a descriptor of their own, kept in
 * S->lock_fd, waiting up to BUSY_MS while a writer holds them. 0, or -1
 * with the message set when the wait was in vain. A file system that
 * does not lock (errors other than a conflict) is read without. */
static int lock_shared(struct store *s, int busy_ms)
{
	int fd = open(s->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return store_set_err(s, _("cannot open: %s"), strerror(errno));
	struct flock l = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = SHARED_FIRST,
			   .l_len = SHARED_SIZE };
	for (int waited = 0;; waited += 10) {
		if (fcntl(fd, F_OFD_SETLK, &l) == 0) {
			s->lock_fd = fd;
			return 0;
		}
		if (errno != EAGAIN && errno != EACCES) {
			close(fd);
			return 0;
		}
		if (waited >= busy_ms) {
			close(fd);
			return store_db_err(s, SQLITE_BUSY);
		}
		sqlite3_sleep(10);
	}
}

/* Opens S->path with QUERY and reads its schema once, which opens the
 * -wal and -shm in WAL mode. 0, or -1 with the message set (a -shm that
 * cannot be made said so). */
static int open_and_read(struct store *s, const char *query, int busy_ms)
{
	if (store_connect(s, query, SQLITE_OPEN_READONLY, busy_ms))
		return -1;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, "SELECT count(*) FROM sqlite_schema", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	int base = rc & 0xff;
	if (base != SQLITE_CANTOPEN && base != SQLITE_READONLY && rc != SQLITE_IOERR_SHMOPEN &&
	    rc != SQLITE_IOERR_SHMSIZE && rc != SQLITE_IOERR_SHMMAP)
		return store_db_err(s, rc);
	return store_set_err(s, _("its write-ahead log (%s-wal) holds changes, which can only be read "
			     "with %s-shm beside it, and that cannot be made or grown here; open the "
			     "database once where it can be written"),
			     s->path, s->path);
}

int store_open_read(struct store *s, int busy_ms)
{
	if (lock_shared(s, busy_ms))
		return -1;
	char *wal = xasprintf("%s-wal", s->path);
	struct stat st;
	bool changes = stat(wal, &st) == 0 && st.st_size > 0;
	free(wal);
	if (!changes)
		return open_and_read(s, "mode=ro&immutable=1", busy_ms);
	/* SQLite's own lock takes over from ours. */
	if (s->lock_fd >= 0)
		close(s->lock_fd);
	s->lock_fd = -1;
	return open_and_read(s, "mode=ro", busy_ms);
}
