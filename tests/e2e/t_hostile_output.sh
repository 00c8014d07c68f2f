# t_hostile_output.sh - names, notes and questionnaire text that hold
# terminal escapes (ESC [2J, OSC 52, which writes the reader's clipboard, a
# bare CR), bytes that are not UTF-8, wide characters, a 10,000-character
# name, HTML and Markdown: every output shows them harmlessly and within its
# columns. The CLI refuses such names now (t_names.sh), so they are written
# straight into the database with sqlite3, as an older itmaturity or another
# tool could have stored them (issue 13, points 2, 10, 11, 12 and 16).
export ITMATURITY_DB="$WORK/hostile.db"
F="$ROOT/tests/fixtures/report"

. "$ROOT/tests/e2e/hostile_lib.sh"

check "sqlite3 is installed (scripts/install-deps --test)" sh -c 'command -v sqlite3 >/dev/null'
Q="$F/questionnaire.yaml"
for a in "Hostile q1-owner 2026-01-05" "Hostile q2-owner 2026-02-05" "Baseline q1-owner 2026-01-05" \
	"Baseline q2-owner 2026-02-05" "Wide q1-owner 2026-01-05" "Long q1-owner 2026-01-05"; do
	set -- $a
	run "$ITM" assess --answers "$F/$2.yaml" --questionnaire "$Q" --org "$1" --date "$3" \
		--respondent Anna --role owner
	check "hostile fixture $1 $2 stored" status_is 0
done
# Assessments 1, 2: Hostile; 3, 4: Baseline; 5: Wide; 6: Long.
sqlite3 "$ITMATURITY_DB" "
UPDATE org SET name = 'Acme' || char(27) || '[2J' || char(27) || ']52;c;aGk=' || char(7) || char(13) ||
	'Evil' || CAST(X'FF' AS TEXT) || char(155) || '<script>alert(1)</script> | [x](javascript:alert(1))'
	WHERE name = 'Hostile';
UPDATE org SET name = '株式会社テスト株式会社テスト株式会社テスト株式会社テスト株式会社テスト' WHERE name = 'Wide';
UPDATE org SET name = replace(hex(zeroblob(5000)), '0', 'W') WHERE name = 'Long';
UPDATE assessment SET respondent = 'Ann' || char(27) || '[31m' || char(10) || 'e', role = 'own' || char(13) || 'er'
	WHERE id IN (1, 2);
UPDATE assessment SET respondent = '山田太郎山田太郎山田太郎', role = '社長社長社長社長' WHERE id = 5;
UPDATE answer SET note = char(9) || '=HYPERLINK(\"http://x\")' || char(27) || '[2J'
	WHERE assessment_id IN (1, 2) AND question = 'roles.it-owner';
UPDATE answer SET note = '  =1+1' WHERE assessment_id = 2 AND question = 'alignment.it-plan';
DELETE FROM answer_pack;"
check "hostile rows written" [ $? -eq 0 ]

hostile "list" list
check "list: escapes shown as text (cut to 80 columns)" out_has 'Acme\\x1b'
check "list: every row as wide as the header (wide characters counted twice)" same_widths "$WORK/out"
hostile "list --wide" list --wide
check "list --wide: escapes shown as text" out_has 'Acme\\x1b\[2J\\x1b\]52'
check "list --wide: every row as wide as the header (wide characters counted twice)" same_widths "$WORK/out"
hostile json "list --format json" list --format json
check "list json: the names as stored" jq -e '[.[].organisation | select(test("\u001b\\[2J"))] | length == 2' \
	"$WORK/out"
hostile "orgs list" orgs list
sed 1d "$WORK/out" >"$WORK/rows"
check "orgs list: every row as wide (the 10,000-character name cut)" same_widths "$WORK/rows"
check "orgs list: within 80 columns" within 80 "$WORK/out"
hostile "due" due --today 2026-02-10
check "due: within 80 columns" within 80 "$WORK/out"
check "due: the long name wrapped, not lost" [ "$(tr -cd W <"$WORK/out" | wc -c)" -eq 10000 ]
hostile "trend" trend
check "trend: within 80 columns" within 80 "$WORK/out"
hostile "compare" compare 1 2
check "compare: within 80 columns" within 80 "$WORK/out"
check "compare: the note's escape shown as text" out_has 'note: =HYPERLINK("http://x")\\x1b\[2J'
hostile json "compare --format json" compare 1 2 --format json
check "compare json parses" jq -e '.a.organisation | test("\u001b")' "$WORK/out"

for id in 2 5 6; do
	hostile "report $id" report $id
	check "report $id: within 80 columns" within 80 "$WORK/out"
	hostile "report $id --format markdown" report $id --format markdown
	check "report $id markdown: no HTML, link or table cell from a name" md_inert "$WORK/out"
	check "report $id markdown: the title within 80 columns" \
		[ "$(head -1 "$WORK/out" | LC_ALL=C.UTF-8 wc -L)" -le 80 ]
	hostile "report $id --format html" report $id --format html
	check "report $id html: no tag from a name" out_lacks '<script\|<img'
	grep -o '<[^>]*>' "$WORK/out" >"$WORK/tags.$id"
done
for id in 3 4; do
	run "$ITM" report $id --format html
	grep -o '<[^>]*>' "$WORK/out" >"$WORK/tags.$id"
done
check "html: the same tags as for plain names" cmp -s "$WORK/tags.2" "$WORK/tags.4"
check "html: the same tags as for plain names (wide)" cmp -s "$WORK/tags.5" "$WORK/tags.3"
check "html: the same tags as for plain names (long)" cmp -s "$WORK/tags.6" "$WORK/tags.3"
run "$ITM" report 2 --format csv
sed 's/\r$//' "$WORK/out" | tr -d '\t' >"$WORK/csv"
check "csv: no control character but the line ends (and tabs)" safe "$WORK/csv"
check "csv: a note starting with a tab then = marked as text" grep -q "roles.it-owner,.*,\"'=HYPERLINK" "$WORK/csv"
check "csv: a note starting with spaces then = marked as text" grep -q "alignment.it-plan,.*,\"'  =1+1\"" "$WORK/csv"
hostile json "report --format json" report 2 --format json
check "report json: the name as stored" jq -e '.assessment.organisation | test("^Acme\u001b\\[2J")' "$WORK/out"

# Messages: a name, a path or an argument is quoted safely.
run "$ITM" list --status "$(printf 'x\033]52;c;aGk=\007')"
check "an unknown status with OSC 52: exits 2" status_is 2
check "an unknown status with OSC 52: shown as text" err_has "unknown status 'x\\\\x1b]52;c;aGk=\\\\x07'"
check "an unknown status with OSC 52: message safe" safe "$WORK/err"
run "$ITM" "$(printf 'rm\033[2J')"
check "an unknown command with ESC: message safe" safe "$WORK/err"
run "$ITM" validate "$WORK/$(printf 'q\033[2J\r').yaml"
check "a missing file with ESC and CR in its name: exits 2" status_is 2
check "a missing file with ESC and CR in its name: message safe" safe "$WORK/err"
check "a missing file with ESC and CR in its name: shown as text" err_has 'q\\x1b\[2J\\x0d.yaml: cannot open'

# Questionnaire text with markup and wide characters
# (tests/fixtures/report/hostile.yaml); one with control characters written
# as YAML escapes is refused, and the refusal shows them harmlessly.
mkdir -p "$WORK/hq/itmaturity/questionnaires"
cp "$F/hostile.yaml" "$WORK/hq/itmaturity/questionnaires/"
sed 's/^title: "Hostile/title: "Hostile\\e[2J/' "$F/hostile.yaml" >"$WORK/hq/itmaturity/questionnaires/escapes.yaml"
cd "$WORK/hq" || exit 1
run env XDG_DATA_HOME="$WORK/hq" "$ITM" questionnaires
check "questionnaires with markup in a title: safe" safe "$WORK/out"
check "questionnaires with markup in a title: listed" out_has 'Hostile\[2J test'
check "questionnaires with an escape in a title: named as invalid" err_has 'escapes.yaml: not a valid questionnaire'
run "$ITM" validate "$WORK/hq/itmaturity/questionnaires/escapes.yaml"
check "a title with an escape: exits 2" status_is 2
check "a title with an escape: at its place" err_has 'escapes.yaml:8:8: the questionnaire: the title holds a control character'
check "a title with an escape: message safe" safe "$WORK/err"
cd "$WORK" || exit 1
hostile "questionnaire show with markup" questionnaire show "$F/hostile.yaml"
check "questionnaire show with markup: within 80 columns" within 80 "$WORK/out"
hostile "assess from a questionnaire with markup" assess --answers "$F/q1-owner.yaml" \
	--questionnaire "$F/hostile.yaml" --org Baseline --date 2026-03-05
id=$(cat "$WORK/out")
for f in text markdown html csv; do
	run "$ITM" report "$id" --format $f
	sed 's/\r$//' "$WORK/out" >"$WORK/lines"  # CSV ends its records with CRLF
	check "report of a questionnaire with markup, $f: exits 0" status_is 0
	check "report of a questionnaire with markup, $f: safe" safe "$WORK/lines"
done
run "$ITM" report "$id" --format html
check "report of a questionnaire with markup, html: no tag from it" out_lacks '<script\|<img'
run "$ITM" report "$id" --format markdown
check "report of a questionnaire with markup, markdown: no markup from it" md_inert "$WORK/out"
hostile "list with a questionnaire version holding markup" list
check "list with a questionnaire version holding markup: every row as wide" same_widths "$WORK/out"
unset ITMATURITY_DB
