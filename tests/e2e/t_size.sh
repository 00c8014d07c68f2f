# t_size.sh - organisation sizes: orgs add --size, orgs size, orgs list,
# bad sizes refused with nothing written, the target a report uses by size
# (the questionnaire's for the size, its fallback, the organisation's own),
# and bundles carrying the size.
export ITMATURITY_DB="$WORK/size.db"
SQ="$ROOT/tests/fixtures/questionnaire/good/sized.yaml"

run "$ITM" orgs add "Tiny Ltd" --size micro
check "orgs add --size micro" status_is 0
run "$ITM" orgs add "Plain Ltd"
check "orgs add without --size" status_is 0
run "$ITM" orgs list
check "orgs list: a SIZE column" out_has '^ORGANISATION  *SIZE  *INTERVAL  *TARGETS$'
check "orgs list: micro shown" out_has '^Tiny Ltd  *micro   3 months$'
check "orgs list: small by default" out_has '^Plain Ltd  *small   3 months$'
run "$ITM" orgs size "Plain Ltd" medium
check "orgs size" status_is 0
run "$ITM" orgs list --format json
check "orgs list json: the sizes" jq -e '[.[] | {(.name): .size}] | add == {"Plain Ltd": "medium", "Tiny Ltd": "micro"}' "$WORK/out"

cp "$ITMATURITY_DB" "$WORK/before.db"
run "$ITM" orgs add "Huge Ltd" --size large
check "orgs add --size large exits 2" status_is 2
check "orgs add --size large: the sizes named" err_has "^itmaturity: unknown size 'large': micro (fewer than 10 people), small (10 to 49 people) or medium (50 to 249 people)$"
run "$ITM" orgs size "Tiny Ltd" Small
check "orgs size Small exits 2" status_is 2
check "orgs size Small: refused" err_has "unknown size 'Small'"
run "$ITM" orgs size "Tiny Ltd"
check "orgs size without a size exits 2" status_is 2
run "$ITM" orgs rename "Tiny Ltd" "Tiny" --size micro
check "--size with rename exits 2" status_is 2
check "--size goes with add" err_has "size goes with add"
run "$ITM" orgs list --format json
check "nothing written by the refused commands" jq -e 'length == 2 and (.[] | select(.name == "Tiny Ltd") | .size) == "micro"' "$WORK/out"
run "$ITM" orgs size "Nobody" micro
check "orgs size of an unknown organisation exits 2" status_is 2

# The target a report uses: micro's for logs, none for backups (no
# fallback); medium: the fallback for logs, medium's for backups.
printf 'questionnaire: sized\nanswers:\n  logs.review: no\n  backups.tested: no\n' >"$WORK/sized.yaml"
for o in "Tiny Ltd" "Plain Ltd"; do
	run "$ITM" assess --answers "$WORK/sized.yaml" --questionnaire "$SQ" --org "$o" --date 2026-03-01
	check "assessment of $o stored" status_is 0
done
run "$ITM" report 1 --format json
check "micro: size in the report" jq -e '.assessment.size == "micro"' "$WORK/out"
check "micro: the size's target and none" jq -e '[.domains[].target] == [1, null]' "$WORK/out"
run "$ITM" report 2 --format json
check "medium: the fallback and the size's target" jq -e '.assessment.size == "medium" and [.domains[].target] == [2, 2]' "$WORK/out"
run "$ITM" report 1
check "text report: the size" out_has '^Size:           micro (fewer than 10 people)$'
run "$ITM" orgs target "Tiny Ltd" logs 2
run "$ITM" report 1 --format json
check "the organisation's own target overrides the size's" jq -e '[.domains[].target] == [2, null]' "$WORK/out"

# questionnaire show gives the targets by size.
run "$ITM" questionnaire show "$SQ"
check "questionnaire show: targets by size" out_has '^  targets by size: micro 1$'
run "$ITM" questionnaire show "$SQ" --format json
check "questionnaire show json: targets by size" jq -e '[.domains[].targets] == [{"micro": 1}, {"medium": 2}]' "$WORK/out"

# A bundle carries the size: exported, and imported into a new database.
run "$ITM" export -o "$WORK/size-bundle.json"
check "export with sizes" status_is 0
check "the bundle holds the sizes" jq -e '[.organisations[] | .size] == ["medium", "micro"]' "$WORK/size-bundle.json"
run "$ITM" --db "$WORK/size2.db" import "$WORK/size-bundle.json"
check "import with sizes" status_is 0
run "$ITM" --db "$WORK/size2.db" orgs list --format json
check "imported sizes" jq -e '[.[] | .size] == ["medium", "micro"]' "$WORK/out"
unset ITMATURITY_DB
