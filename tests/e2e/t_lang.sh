# t_lang.sh - Dutch and French (issue 17): an assessment records the
# language it was answered in, and one answered in Dutch gives the numbers
# of the same answers given in English; the text, markdown and HTML reports
# in both languages against golden files (the text within 80 columns, the
# HTML page's lang), whatever the answers were given in; the locale
# (nl_BE.UTF-8, fr_BE.UTF-8) chooses as --lang does; machine output is the
# same in every language; every command's --help translated and within 80
# columns; and the wizard under tmux through the quick scan in nl_BE.UTF-8
# and in fr_BE.UTF-8.
cd "$ROOT" || exit 1   # ./questionnaires: the bundled ones and their translations
L="$ROOT/tests/fixtures/lang"
O="Bakkerij Janssens"
export ITMATURITY_DB="$WORK/t_lang.db"
run "$ITM" assess --answers "$L/q1.yaml" --org "$O" --respondent An --role owner --date 2026-03-02
check "lang: the first quarter, in English" status_is 0
run "$ITM" assess --answers "$L/q2.yaml" --org "$O" --respondent An --role owner --date 2026-06-01
check "lang: the second quarter, in English" status_is 0
run "$ITM" --lang nl assess --answers "$L/q2.yaml" --org "$O" --respondent Jan --role "IT partner" \
	--date 2026-06-01
check "lang: the same answers, in Dutch" status_is 0

# The language recorded: in the store, in list's JSON, in bundles.
lang_of() { [ "$(sqlite3 "$ITMATURITY_DB" "SELECT language FROM assessment WHERE id = $1")" = "$2" ]; }
check "lang: assessment 2 was answered in English" lang_of 2 en
check "lang: assessment 3 was answered in Dutch" lang_of 3 nl
run "$ITM" report 3 --format json
check "lang: the report's JSON gives the language it was answered in" jq -e '.assessment.language == "nl"' "$WORK/out"
run "$ITM" list --format json
check "lang: list's JSON gives each assessment's language" \
	jq -e '[.[] | .language] | sort == ["en", "en", "nl"]' "$WORK/out"
run "$ITM" export -o "$WORK/lang.json"
check "lang: the bundle keeps the Dutch assessment's language" \
	jq -e '[.assessments[] | select(.language == "nl")] | length == 1' "$WORK/lang.json"
run env ITMATURITY_DB="$WORK/lang2.db" "$ITM" import "$WORK/lang.json"
check "lang: the bundle imports" status_is 0
check "lang: the language survives the round trip" \
	test "$(sqlite3 "$WORK/lang2.db" "SELECT group_concat(language) FROM (SELECT language FROM assessment ORDER BY taken, respondent)")" = "en,en,nl"

# Answered in Dutch, the same numbers as in English: the comparison finds
# no change, and the reports' figures are equal.
run "$ITM" compare 2 3 --format json
check "lang: compare Dutch with English: it runs" status_is 0
check "lang: compare Dutch with English: the same overall" jq -e '.overall_change == 0 and .a.percent == .b.percent' "$WORK/out"
check "lang: compare Dutch with English: the same questionnaire" jq -e '.same_questionnaire' "$WORK/out"
check "lang: compare Dutch with English: no domain changed" \
	jq -e '[.domains[] | .change] | all(. == 0)' "$WORK/out"
check "lang: compare Dutch with English: no question changed" \
	jq -e '.questions | length == 0' "$WORK/out"
figures='{overall, domains: [.domains[] | {id, percent, level}], roadmap: [.roadmap[] | {question, target}]}'
run "$ITM" report 2 --format json
jq "$figures" "$WORK/out" >"$WORK/fig-en.json"
run "$ITM" report 3 --format json
jq "$figures" "$WORK/out" >"$WORK/fig-nl.json"
check "lang: the reports' figures are the same in both" cmp -s "$WORK/fig-en.json" "$WORK/fig-nl.json"
# Machine output is the same in every language: the JSON's keys and the
# CSV's header row.
for l in nl fr; do
	run "$ITM" --lang "$l" report 2 --format json
	jq -S '[paths | map(tostring) | join(".")]' "$WORK/out" >"$WORK/keys-$l.json"
	run "$ITM" --lang "$l" report 2 --format csv
	head -1 "$WORK/out" >"$WORK/csv-$l.txt"
done
run "$ITM" report 2 --format json
jq -S '[paths | map(tostring) | join(".")]' "$WORK/out" >"$WORK/keys-en.json"
run "$ITM" report 2 --format csv
head -1 "$WORK/out" >"$WORK/csv-en.txt"
check "lang: JSON keys are the same in Dutch" cmp -s "$WORK/keys-en.json" "$WORK/keys-nl.json"
check "lang: JSON keys are the same in French" cmp -s "$WORK/keys-en.json" "$WORK/keys-fr.json"
check "lang: the CSV header is the same in Dutch" cmp -s "$WORK/csv-en.txt" "$WORK/csv-nl.txt"
check "lang: the CSV header is the same in French" cmp -s "$WORK/csv-en.txt" "$WORK/csv-fr.txt"

# The reports in Dutch and French, as golden files: of assessment 2
# (answered in English) in Dutch, of assessment 3 (answered in Dutch) in
# French.
narrow() { [ "$(LC_ALL=C.UTF-8 wc -L <"$1")" -le 80 ]; }
for r in "nl 2" "fr 3"; do
	set -- $r
	golden "lang/report-$1.txt" "$ITM" --lang "$1" report "$2"
	check "lang: the $1 text report is within 80 columns" narrow "$WORK/out"
	cp "$WORK/out" "$WORK/report-$1.txt"
	golden "lang/report-$1.md" "$ITM" --lang "$1" report "$2" --format markdown
	golden "lang/report-$1.html" "$ITM" --lang "$1" report "$2" --format html
	check "lang: the $1 HTML page says its language" grep -q "<html lang=\"$1\"" "$WORK/out"
done
run "$ITM" report 2 --format html
check "lang: the English HTML page says its language" grep -q '<html lang="en"' "$WORK/out"

# The locale chooses as --lang does; --lang overrides it.
has_locale() { locale -a 2>/dev/null | grep -qix "$1.utf-\{0,1\}8"; }
for l in nl_BE fr_BE; do
	check "lang: the $l.UTF-8 locale is installed (scripts/install-deps --test)" has_locale "$l"
done
run env -u LC_ALL LANG=nl_BE.UTF-8 "$ITM" report 2
check "lang: LANG=nl_BE.UTF-8 gives the Dutch report" cmp -s "$WORK/out" "$WORK/report-nl.txt"
run env LC_ALL=fr_BE.UTF-8 "$ITM" report 3
check "lang: LC_ALL=fr_BE.UTF-8 gives the French report" cmp -s "$WORK/out" "$WORK/report-fr.txt"
run env LC_ALL=fr_BE.UTF-8 "$ITM" report 2 --lang nl
check "lang: --lang overrides the locale" cmp -s "$WORK/out" "$WORK/report-nl.txt"
# A locale with a decimal comma changes no number read or written (a
# weight of 1.5 read as 1 once changed the scores).
run "$ITM" --lang fr report 2 --format json
cp "$WORK/out" "$WORK/fr.json"
run env LC_ALL=fr_BE.UTF-8 "$ITM" report 2 --format json
check "lang: fr_BE.UTF-8 (decimal comma) gives the same JSON as --lang fr" cmp -s "$WORK/out" "$WORK/fr.json"
run env LC_ALL=nl_BE.UTF-8 "$ITM" assess --answers "$L/q2.yaml" --org "$O" --respondent Piet --role owner \
	--date 2026-06-01
run env LC_ALL=nl_BE.UTF-8 "$ITM" compare 2 4 --format json
check "lang: answered under nl_BE.UTF-8, the same numbers as in English" \
	jq -e '.overall_change == 0 and .a.percent == .b.percent and .b.percent > 0' "$WORK/out"
run env ITMATURITY_LOCALEDIR="$WORK/none" "$ITM" --lang nl report 2
check "lang: without the catalogue, --lang nl still reports" status_is 0
check "lang: ... in English, saying so" err_has "^itmaturity: no messages in 'nl' were found in $WORK/none: going on in English$"
check "lang: ... with the questionnaire in English too" out_has "^Questionnaire:  IT maturity quick scan"
run "$ITM" --lang de report 2
check "lang: an unknown language is a usage error" status_is 2
check "lang: which names the languages there are" err_has "en, nl or fr"

# --help of the tool and of every command, in both: translated, and within
# 80 columns.
run "$ITM" help
cmds=$(sed -n 's/^  \([a-z][a-z]*\) .*/\1/p' "$WORK/out")
check "lang: the commands are listed" test -n "$cmds"
for l in nl_BE fr_BE; do
	for c in "" $cmds; do
		run "$ITM" $c --help
		cp "$WORK/out" "$WORK/help-en"
		run env LC_ALL="$l.UTF-8" "$ITM" $c --help
		check "lang: '$c --help' in $l: exit 0" status_is 0
		check "lang: '$c --help' in $l is translated" sh -c "! cmp -s '$WORK/out' '$WORK/help-en'"
		check "lang: '$c --help' in $l is within 80 columns" narrow "$WORK/out"
	done
done

# The wizard under tmux, in the locale alone (no --lang): the quick scan
# from the start screen to its results in nl_BE.UTF-8 and in fr_BE.UTF-8.
# Its words are looked up in the catalogue as built (gettext(1)), up to a
# message's first conversion; the questions' in the translations. Every
# screen kept passes the screen audit at 80x24.
. "$ROOT/tests/e2e/screen_check.sh"
msg() { LC_ALL="$1.UTF-8" TEXTDOMAINDIR="$ROOT/build/locale" gettext -d itmaturity -- "$2" | sed 's/%.*//'; }
# qtext LANG ID: the quick scan's question ID in LANG, as its first words.
qtext() { sed -n "/^      - id: $2\$/{n;s/^ *text: //p;q}" "$ROOT/questionnaires/quick-scan.$1.yaml" | cut -c1-30; }
lang_wait() { tmux_wait "$TT" "$1" "$WORK/l"; }
lang_keep() { cp "$WORK/l.b" "$WORK/lang-$RUN-$1"; }
for l in nl_BE fr_BE; do
	RUN=${l%_BE}
	START=$(msg "$l" "Start a new assessment")
	REVIEW=$(msg "$l" "Before you complete")
	RESULTS=$(msg "$l" "Overall: level %s (%.1f on the scale), %.0f%%")
	QUESTION=$(qtext "$RUN" it-owner)
	INTRO=$(sed -n '/^  - id: roles$/{n;s/^ *title: //p;q}' "$ROOT/questionnaires/quick-scan.$RUN.yaml")
	check "lang: the wizard's words in $l are the catalogue's" \
		test "$START" != "Start a new assessment" -a -n "$RESULTS" -a -n "$QUESTION" -a -n "$INTRO"
	DB="$WORK/wizard-$RUN.db"
	cat >"$WORK/lang.sh" <<EOS
cd "$ROOT" || exit 1
env -u LANGUAGE LC_ALL=$l.UTF-8 TERM=xterm-256color "$ITM" --db "$DB" assess --org "$O" --respondent Zoë --role owner --questionnaire quick-scan 2>"$WORK/lang-$RUN.err"
echo "itm-exit=\$?"
exec sleep 600
EOS
	TT="tmux -L itm-lang-$$-$RUN -f /dev/null"
	$TT new-session -d -s t -x 80 -y 24 "sh $WORK/lang.sh"
	lang_wait "$START" && lang_keep start &&
		$TT send-keys -t t Enter && lang_wait "$INTRO" && lang_keep intro &&
		$TT send-keys -t t Enter && lang_wait "$QUESTION" && lang_keep question &&
		tmux_answer_all "$TT" "$WORK/l" "$RESULTS" "$REVIEW" lang_keep && lang_wait "$RESULTS" && lang_keep results &&
		$TT send-keys -t t q && lang_wait "itm-exit=0"
	tmux_stop "$TT"
	for s in start intro question review results; do
		check "lang: the $l wizard showed its $s screen" test -s "$WORK/lang-$RUN-$s"
		[ -s "$WORK/lang-$RUN-$s" ] && check "lang: the $l $s screen passes the audit at 80x24" \
			screen_audit "$WORK/lang-$RUN-$s" 80 24
	done
	check "lang: the $l wizard wrote nothing to standard error" test ! -s "$WORK/lang-$RUN.err"
	check "lang: the $l quick scan is stored complete, in ${l%_BE}" test \
		"$(sqlite3 "$DB" "SELECT status || ' ' || language FROM assessment")" = "complete $RUN"
done
