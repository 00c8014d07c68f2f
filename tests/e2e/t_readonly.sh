# t_readonly.sh - reading a database that is not to be written (issue 13,
# point 15): --read-only adds no file beside it and changes none of its
# bytes, and reading works where nothing can be written: a read-only
# folder, a read-only mount, a full disk. The mounts need a private mount
# namespace (unshare -m, as root); where one cannot be made, those checks
# are skipped, saying so.
RO="$WORK/ro"
mkdir -p "$RO"
cd "$ROOT" || exit 1
run "$ITM" assess --template --questionnaire quick-scan
cp "$WORK/out" "$WORK/ro-answers.yaml"
run "$ITM" --db "$RO/it.db" assess --answers "$WORK/ro-answers.yaml" --org Acme --date 2026-01-15
check "read-only: a database to read" status_is 0
cd "$WORK" || exit 1
cp "$RO/it.db" "$WORK/ro-orig.db"

# ro_reads LABEL CMD...: CMD is itmaturity as some reader; --read-only list
# and report work, and the database is as it was, alone in its folder.
ro_reads() {
	label=$1
	shift
	run "$@" --db "$RO/it.db" --read-only list
	check "$label: --read-only list exits 0" status_is 0
	check "$label: --read-only list lists" out_has "Acme"
	run "$@" --db "$RO/it.db" --read-only report 1
	check "$label: --read-only report exits 0" status_is 0
	check "$label: --read-only report reports" out_has "Acme"
	check "$label: the database's bytes are unchanged" cmp -s "$RO/it.db" "$WORK/ro-orig.db"
	check "$label: nothing added beside it (no -wal, no -shm)" [ "$(ls "$RO")" = "it.db" ]
}

# A folder that can be written: mode=ro alone left an empty -wal and a
# 32 KiB -shm behind.
ro_reads "writable folder" "$ITM"

# A folder that cannot be written: even --read-only list failed ("the
# database is read-only"). Root may write anywhere: the reader is nobody.
chmod 755 "$WORK"
chmod 644 "$RO/it.db"
chmod 555 "$RO"
if [ "$(id -u)" -eq 0 ]; then
	set -- setpriv --reuid=65534 --regid=65534 --clear-groups "$(as_nobody_copy)"
else
	set -- "$ITM"
fi
ro_reads "read-only folder" "$@"
if [ "$(id -u)" -eq 0 ]; then
	run "$@" --db "$RO/it.db" list
	check "read-only folder: list of a file it cannot write exits 0" status_is 0
	chown 65534 "$RO/it.db"
fi
# A file the reader could write, in that folder: a reading command opens it
# read-only by itself (the folder cannot take the -wal and -shm); a writing
# one is refused, and the message says how to read.
run "$@" --db "$RO/it.db" list
check "read-only folder: list of a file it could write exits 0" status_is 0
run "$@" --db "$RO/it.db" orgs add Later
check "read-only folder: a writing command exits 1" status_is 1
check "read-only folder: a writing command points at --read-only" err_has "the database's folder cannot be written (reading works with --read-only)"
chown "$(id -u)" "$RO/it.db"
chmod 755 "$RO"
set --

# The mounts, in a private mount namespace.
if unshare -m true 2>/dev/null; then
	# ro_mounted SCRIPT: runs SCRIPT (sh) in a new mount namespace, with $RO,
	# $WORK and $ITM; SCRIPT mounts and then calls rm_read, which reads the
	# database at $1 with --read-only list and report and keeps what the
	# checks need in $WORK/mnt.*.
	ro_mounted() {
		unshare -m sh -c '
			RO=$1 WORK=$2 ITM=$3
			rm_read() {
				"$ITM" --db "$1" --read-only list >"$WORK/mnt.list" 2>"$WORK/mnt.err"
				echo $? >"$WORK/mnt.rc"
				"$ITM" --db "$1" --read-only report 1 >"$WORK/mnt.report" 2>>"$WORK/mnt.err"
				echo $? >>"$WORK/mnt.rc"
				cmp -s "$1" "$WORK/ro-orig.db" && echo same >"$WORK/mnt.cmp"
				ls "$(dirname "$1")" >"$WORK/mnt.ls"
			}
			'"$1" sh "$RO" "$WORK" "$ITM"
	}
	mnt_both_have() { grep -q "$1" "$WORK/mnt.list" && grep -q "$1" "$WORK/mnt.report"; }
	rm -f "$WORK"/mnt.*
	ro_mounted 'mount --bind "$RO" "$RO" && mount -o remount,bind,ro "$RO" && rm_read "$RO/it.db"'
	check "read-only mount: --read-only list and report exit 0" [ "$(cat "$WORK/mnt.rc" 2>/dev/null | tr '\n' ' ')" = "0 0 " ]
	check "read-only mount: they list and report" mnt_both_have Acme
	check "read-only mount: the database's bytes are unchanged" [ -f "$WORK/mnt.cmp" ]
	check "read-only mount: nothing added beside it" [ "$(cat "$WORK/mnt.ls")" = "it.db" ]

	# A full disk: a tmpfs of 1 MiB holding the database and a file that
	# fills the rest ("input/output error": the -shm could not be grown).
	mkdir -p "$WORK/full"
	rm -f "$WORK"/mnt.*
	ro_mounted 'mount -t tmpfs -o size=1m tmpfs "$WORK/full" && cp "$RO/it.db" "$WORK/full/" &&
		{ cat /dev/zero >"$WORK/full/fill"; } 2>/dev/null; df -k "$WORK/full" >"$WORK/mnt.df"; rm_read "$WORK/full/it.db"
		"$ITM" --db "$WORK/full/it.db" list 2>"$WORK/mnt.rw"'
	check "full disk: the disk is full" awk 'NR == 2 { exit !($4 == 0) }' "$WORK/mnt.df"
	check "full disk: --read-only list and report exit 0" [ "$(cat "$WORK/mnt.rc" 2>/dev/null | tr '\n' ' ')" = "0 0 " ]
	check "full disk: they list and report" mnt_both_have Acme
	check "full disk: the database's bytes are unchanged" [ -f "$WORK/mnt.cmp" ]
	check "full disk: nothing added beside it" [ "$(cat "$WORK/mnt.ls" | tr '\n' ' ')" = "fill it.db " ]
	check "full disk: list for writing points at --read-only" grep -q "the database's -shm file cannot be grown: is the disk full? (reading works with --read-only)" "$WORK/mnt.rw"
	[ -s "$WORK/mnt.err" ] && sed 's/^/  stderr: /' "$WORK/mnt.err"
else
	printf 'SKIP read-only mount and full disk: no private mount namespace here (unshare -m needs root)\n'
fi
