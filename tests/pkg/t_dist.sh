#!/bin/sh
# t_dist.sh - the release tarball (make dist, scripts/dist): it holds the
# tracked files (git ls-files; outside git, the MANIFEST of the tarball it
# was unpacked from) with MANIFEST and .tarball-version, all under
# itmaturity-VERSION/; unpacked, it says the same version; a tarball made
# from it is the same bytes. That it builds and passes 'make check' on its
# own is 'make distcheck', which CI runs.
. "$(dirname "$0")/../e2e/lib.sh"
cd "$WORK" || exit 1
V=$(make -s --no-print-directory -C "$ROOT" version)
D=itmaturity-$V
run "$ROOT/scripts/dist" "$V" "$WORK"
check "make dist exits 0" status_is 0
check "make dist writes itmaturity-VERSION.tar.gz" test -f "$WORK/$D.tar.gz"
tar -tzf "$WORK/$D.tar.gz" >"$WORK/names"
check "every name is under itmaturity-VERSION/" test -z "$(grep -v "^$D/" "$WORK/names")"
grep -v '/$' "$WORK/names" | sed "s,^$D/,," | LC_ALL=C sort >"$WORK/listed"
if [ -e "$ROOT/.git" ]; then
	{ git -C "$ROOT" ls-files; printf '%s\n' MANIFEST .tarball-version; } | LC_ALL=C sort >"$WORK/tracked"
else
	LC_ALL=C sort "$ROOT/MANIFEST" >"$WORK/tracked"
fi
check "the tarball holds the tracked files, MANIFEST and .tarball-version" cmp -s "$WORK/tracked" "$WORK/listed"
mkdir -p "$WORK/unpacked" "$WORK/again"
tar -xzf "$WORK/$D.tar.gz" -C "$WORK/unpacked"
check ".tarball-version holds the version" test "$(cat "$WORK/unpacked/$D/.tarball-version")" = "$V"
run make -s --no-print-directory -C "$WORK/unpacked/$D" version
check "unpacked, the Makefile says the same version" test "$(cat "$WORK/out")" = "$V"
run "$WORK/unpacked/$D/scripts/dist" "$V" "$WORK/again"
check "make dist works in an unpacked tarball" status_is 0
check "a tarball made from the tarball is the same bytes" cmp -s "$WORK/$D.tar.gz" "$WORK/again/$D.tar.gz"
printf 't_dist: %d passed, %d failed\n' "$PASSED" "$FAILED"
[ "$FAILED" -eq 0 ]
