#!/bin/sh
# run.sh - runs every end-to-end test file (t_*.sh) against $ITM and prints
# "N passed, N failed". Exit status 1 when any check failed.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1
for t in "$ROOT"/tests/e2e/t_*.sh; do
	# E2E_SKIP: files left out of this run (make valgrind, which says why).
	case " ${E2E_SKIP:-} " in
	*" $(basename "$t") "*)
		printf '== %s: skipped here\n' "$(basename "$t")"
		continue ;;
	esac
	printf '== %s\n' "$(basename "$t")"
	. "$t"
done
printf '%d passed, %d failed\n' "$PASSED" "$FAILED"
[ "$FAILED" -eq 0 ]
