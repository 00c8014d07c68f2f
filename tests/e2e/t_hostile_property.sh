# t_hostile_property.sh - the property of issue 13: whatever bytes an
# organisation, a respondent, a role or a note holds, every output holds.
# Random strings (a fixed seed: the same cases every run) made of any byte
# but NUL, terminal escapes, CR, C1 controls, bytes that are not UTF-8,
# overlong forms and surrogates, wide characters and emoji, combining marks,
# HTML, Markdown, and now and then a run of thousands of characters, go in
# by two routes:
#   cli  'assess --answers', which refuses a bad name or note with exit 2
#        and stores nothing (a pass for that input), or stores it;
#   db   straight into the database (sqlite3), as an old database may hold
#        them whatever the checks on the way in.
# For every stored one: list, orgs list, due, trend, compare and every
# report format are safe (valid UTF-8, no control character but newline;
# HTML and CSV may keep tabs, CSV its CRLF), text within 80 columns by
# display width, list rows as wide as the header, Markdown without markup
# from the data, HTML with the same tags as for a plain name, JSON parsed
# by jq; and export, import into an empty database, export again gives the
# same bundle. An old database's names that are not valid UTF-8 or hold
# control characters export, and import refuses them (exit 2, nothing
# stored): that is checked too.
# ITM_PROPERTY_SEED and ITM_PROPERTY_CASES change the cases; under valgrind
# (ITM_BIN set), where a run takes some fifty times longer, 2 cases a route.
. "$ROOT/tests/e2e/hostile_lib.sh"
F="$ROOT/tests/fixtures/report"
Q="$F/questionnaire.yaml"
P="$WORK/property"
mkdir -p "$P"
SEED=${ITM_PROPERTY_SEED:-13}
if [ -n "${ITM_BIN:-}" ]; then N=${ITM_PROPERTY_CASES:-2}; else N=${ITM_PROPERTY_CASES:-20}; fi

# The cases: for case I and field K (org, resp, role, note), P/I.K holds the
# bytes, P/I.K.hex the same in hex (for SQL) and P/I.K.yaml the bytes with
# '"' and '\' escaped, for a double-quoted YAML scalar.
# Park-Miller's generator, exact in any awk's doubles.
LC_ALL=C awk -v seed="$SEED" -v n="$N" -v dir="$P" '
function rnd(k) { seed = (seed * 16807) % 2147483647; return int(seed / 2147483647 * k) }
# An atom: any byte but NUL, a word, a printable oddity, or (unless
# PRINTABLE) a control character or bytes that are not UTF-8.
function atom(printable,  r, s, j) {
	r = rnd(30)
	if (r < 7 && !printable)
		return sprintf("%02x", 1 + rnd(255))
	if (r < 12) {
		for (j = 1 + rnd(10); j > 0; j--)
			s = s sprintf("%02x", 97 + rnd(26))
		return s
	}
	if (r < 22 || printable)
		return odd[1 + rnd(nodd)]
	return bad[1 + rnd(nbad)]
}
# A string of atoms; now and then a long run of W or of a wide character
# (in a printable case short enough, mostly, for assess to take it).
function gen(printable,  s, j, a, k) {
	for (j = 1 + rnd(6); j > 0; j--)
		s = s atom(printable)
	if (rnd(6) == 0) {
		a = rnd(2) ? "e6a0aa" : "57"
		for (k = printable ? 10 + rnd(120) : 1000 + rnd(9000); k > 0; k--)
			s = s a
	}
	return s
}
function put(i, field, hex,  j, v, raw, yaml) {
	for (j = 1; j < length(hex); j += 2) {
		v = (index(hx, substr(hex, j, 1)) - 1) * 16 + index(hx, substr(hex, j + 1, 1)) - 1
		raw = raw sprintf("%c", v)
		yaml = yaml (v == 34 ? "\\\"" : v == 92 ? "\\\\" : sprintf("%c", v))
	}
	f = dir "/" i "." field
	printf "%s", raw > f; close(f)
	print hex > (f ".hex"); close(f ".hex")
	print yaml > (f ".yaml"); close(f ".yaml")
}
BEGIN {
	hx = "0123456789abcdef"
	# space, wide, emoji, combining, <script>, <img onerror=x>, |, [x](javascript:alert(1)), ...
	nodd = split("20 e6a0aa f09f9880 cc81 3c7363726970743e 3c696d67206f6e6572726f723d783e 7c " \
	      "5b785d286a6176617363726970743a616c657274283129 60 5c 2a 5f 23 3d 2d 2b 40", odd, " ")
	# ESC [2J, OSC 52, CR, LF, tab, C1 CSI and NEL, DEL; 0xff, overlong, surrogate, lone and cut sequences
	nbad = split("1b5b324a 1b5d35323b633b61476b3d07 0d 0a 09 c29b c285 7f ff c0af eda080 80 e6a0", bad, " ")
	for (i = 1; i <= n; i++) {
		p = i % 2  # every other case printable: assess takes more of those
		put(i, "org", gen(p)); put(i, "resp", gen(p)); put(i, "role", gen(p)); put(i, "note", gen(p))
	}
}'
check "property: $N cases written" [ -f "$P/$N.note.hex" ]

stored_or_refused() { [ "$rc" -eq 0 ] || [ "$rc" -eq 2 ]; }

# outputs ROUTE IDS...: every output of the database (ITMATURITY_DB), whose
# assessment 1 is the plain Baseline, holds for assessments IDS.
outputs() {
	route=$1
	shift
	hostile "$route: list" list
	check "$route: list rows as wide as the header" same_widths "$WORK/out"
	hostile json "$route: list json" list --format json
	hostile "$route: orgs list" orgs list
	sed 1d "$WORK/out" >"$P/rows"
	check "$route: orgs list rows as wide as each other" same_widths "$P/rows"
	hostile json "$route: orgs list json" orgs list --format json
	hostile "$route: due" due --today 2026-02-01
	check "$route: due within 80 columns" within 80 "$WORK/out"
	hostile "$route: trend" trend
	check "$route: trend within 80 columns" within 80 "$WORK/out"
	run "$ITM" report 1 --format html
	grep -o '<[^>]*>' "$WORK/out" >"$P/tags.base"
	for id in "$@"; do
		hostile "$route $id: report" report "$id"
		check "$route $id: report within 80 columns" within 80 "$WORK/out"
		hostile "$route $id: markdown" report "$id" --format markdown
		check "$route $id: markdown takes no markup from the data" md_inert "$WORK/out"
		check "$route $id: markdown title within 80 columns" [ "$(head -1 "$WORK/out" | LC_ALL=C.UTF-8 wc -L)" -le 80 ]
		run "$ITM" report "$id" --format html
		tr -d '\t' <"$WORK/out" >"$P/page"
		check "$route $id: html exits 0" status_is 0
		check "$route $id: html safe" safe "$P/page"
		grep -o '<[^>]*>' "$WORK/out" >"$P/tags"
		check "$route $id: html has the tags of a plain name's" cmp -s "$P/tags" "$P/tags.base"
		run "$ITM" report "$id" --format csv
		sed 's/\r$//' "$WORK/out" | tr -d '\t' >"$P/csv"
		check "$route $id: csv exits 0" status_is 0
		check "$route $id: csv safe" safe "$P/csv"
		hostile json "$route $id: json" report "$id" --format json
		hostile "$route $id: compare" compare 1 "$id"
		check "$route $id: compare within 80 columns" within 80 "$WORK/out"
		hostile json "$route $id: compare json" compare 1 "$id" --format json
	done
	run "$ITM" export -o "$P/$route.1.json"
	check "$route: export exits 0" status_is 0
	check "$route: the bundle parses" jq -e . "$P/$route.1.json" >/dev/null
	rm -f "$P/$route.copy.db"
	run env ITMATURITY_DB="$P/$route.copy.db" "$ITM" import "$P/$route.1.json"
	check "$route: import into an empty database: stored or refused" stored_or_refused
	check "$route: import messages safe" safe "$WORK/err"
	[ "$rc" -eq 0 ] && refused="" || refused=1
	run env ITMATURITY_DB="$P/$route.copy.db" "$ITM" export -o "$P/$route.2.json"
	if [ -z "$refused" ]; then
		check "$route: export, import, export: the same bundle" cmp -s "$P/$route.1.json" "$P/$route.2.json"
	else
		check "$route: a refused import stores nothing" \
			jq -e '(.organisations | length) == 0 and (.assessments | length) == 0' "$P/$route.2.json"
	fi
}

# The cli route. Its answers: q1-owner's, the note on roles.it-owner.
export ITMATURITY_DB="$P/cli.db"
run "$ITM" assess --answers "$F/q1-owner.yaml" --questionnaire "$Q" --org Baseline --date 2026-01-05
check "property cli: the baseline is assessment 1" [ "$(cat "$WORK/out")" = 1 ]
ids=""
i=1
while [ $i -le "$N" ]; do
	{ printf 'questionnaire: report-test\nanswers:\n  roles.it-owner: {value: informal, note: "%s"}\n' \
		"$(cat "$P/$i.note.yaml")"; grep '^  [a-z]' "$F/q1-owner.yaml" | grep -v roles.it-owner; } >"$P/answers.yaml"
	run "$ITM" assess --answers "$P/answers.yaml" --questionnaire "$Q" --org "$(cat "$P/$i.org")" \
		--respondent "$(cat "$P/$i.resp")" --role "$(cat "$P/$i.role")" --date 2026-01-05
	check "cli $i: assess stores (0) or refuses (2)" stored_or_refused
	check "cli $i: assess messages safe" safe "$WORK/err"
	check "cli $i: no sanitizer report" no_sanitizer_report
	[ "$rc" -eq 0 ] && ids="$ids $(cat "$WORK/out")"
	i=$((i + 1))
done
printf '   property (seed %s): %d of %d cases stored through assess\n' "$SEED" "$(echo $ids | wc -w)" "$N"
# shellcheck disable=SC2086
outputs cli $ids

# The db route: plain assessments renamed in the database.
export ITMATURITY_DB="$P/db.db"
run "$ITM" assess --answers "$F/q1-owner.yaml" --questionnaire "$Q" --org Baseline --date 2026-01-05
ids=""
i=1
: >"$P/db.sql"
while [ $i -le "$N" ]; do
	run "$ITM" assess --answers "$F/q1-owner.yaml" --questionnaire "$Q" --org "case $i" --date 2026-01-05
	id=$(cat "$WORK/out")
	ids="$ids $id"
	cat >>"$P/db.sql" <<EOF
UPDATE org SET name = CAST(X'$(cat "$P/$i.org.hex")' AS TEXT) WHERE name = 'case $i';
UPDATE assessment SET respondent = CAST(X'$(cat "$P/$i.resp.hex")' AS TEXT),
	role = CAST(X'$(cat "$P/$i.role.hex")' AS TEXT) WHERE id = $id;
UPDATE answer SET note = CAST(X'$(cat "$P/$i.note.hex")' AS TEXT)
	WHERE assessment_id = $id AND question = 'roles.it-owner';
DELETE FROM answer_pack WHERE assessment_id = $id;
EOF
	i=$((i + 1))
done
check "property db: $N plain assessments stored" [ "$(echo $ids | wc -w)" -eq "$N" ]
sqlite3 -bail "$ITMATURITY_DB" <"$P/db.sql"
check "property db: the hostile values written" [ $? -eq 0 ]
# shellcheck disable=SC2086
outputs db $ids
unset ITMATURITY_DB
