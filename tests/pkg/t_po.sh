#!/bin/sh
# t_po.sh - the translations are complete and current: every message of
# src/ (gathered again with the Makefile's xgettext options) is in po/nl.po
# and po/fr.po, translated and not fuzzy (msgcmp); msgfmt --check finds
# nothing wrong and counts 0 untranslated and 0 fuzzy messages; and the
# glossary is there.
. "$(dirname "$0")/../e2e/lib.sh"
cd "$ROOT" || exit 1
run make -s --no-print-directory print-xgettext-opts
opts=$(cat "$WORK/out")
check "the Makefile gives its xgettext options" test -n "$opts"
# shellcheck disable=SC2086
run xgettext $opts -o "$WORK/cur.pot" $(ls src/*.c | sort)
check "xgettext gathers the messages of src/" status_is 0
n=$(grep -c '^msgid "' "$WORK/cur.pot")
check "src/ has messages to translate ($n)" test "$n" -gt 100
for l in nl fr; do
	run msgcmp "po/$l.po" "$WORK/cur.pot"
	check "po/$l.po has every message of src/, translated and not fuzzy" status_is 0
	[ "$rc" -eq 0 ] || head -20 "$WORK/err"
	run msgfmt --check --statistics -o /dev/null "po/$l.po"
	check "msgfmt --check passes po/$l.po" status_is 0
	check "po/$l.po: 0 untranslated messages" test -z "$(grep untranslated "$WORK/err")"
	check "po/$l.po: 0 fuzzy messages" test -z "$(grep fuzzy "$WORK/err")"
	check "po/$l.po: msgfmt counts the messages translated" grep -q '^[0-9]* translated messages\.$' "$WORK/err"
	cat "$WORK/err"
done
check "the glossary is there" test -s po/GLOSSARY.md
printf 't_po: %d passed, %d failed\n' "$PASSED" "$FAILED"
[ "$FAILED" -eq 0 ]
