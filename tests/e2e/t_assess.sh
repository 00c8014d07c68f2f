# t_assess.sh - assessments from answers files, the template, the JSON
# report, export and import between databases.
export ITMATURITY_DB="$WORK/assess.db"
cd "$ROOT" || exit 1

run "$ITM" assess --template --questionnaire quick-scan
check "template exits 0" status_is 0
check "template names its questionnaire" out_has '^questionnaire: quick-scan$'
cp "$WORK/out" "$WORK/template.yaml"
check "template fits 80 columns (for e-mail)" [ "$(LC_ALL=C.UTF-8 wc -L <"$WORK/template.yaml")" -le 80 ]
run "$ITM" assess --template
check "full template fits 80 columns" [ "$(LC_ALL=C.UTF-8 wc -L <"$WORK/out")" -le 80 ]
run "$ITM" questionnaires
check "template lists every question" [ "$(grep -c '^  [a-z]*\.[a-z-]*:$' "$WORK/template.yaml")" -eq "$(awk '$1 == "quick-scan" { print $3 }' "$WORK/out")" ]

# The empty template is valid: everything unanswered, so provisional.
run "$ITM" assess --answers "$WORK/template.yaml" --org "Café Élysée" --date 2026-01-15
check "empty template is accepted" status_is 0
check "assess prints the new id alone" out_has '^1$'
check "a new organisation is announced" err_has "adding organisation 'Café Élysée'"
run "$ITM" report --format json 1
check "report of the empty one is provisional" jq -e '.overall.provisional == true and .overall.percent == null' "$WORK/out"

# Filled in: the same answers give the same figures every time. Each answer
# is one of the options its comment lists: a scored question's value number
# N mod (number of options), an unscored question's first option.
awk '/^  #   [^ ]/ { opt[k++] = $2 }
	/^  [a-z]+\.[a-z-]+:$/ { n++;
	if ($1 == "roles.offboarding:") print $0 " unknown";
	else if ($1 == "agreements.contract-exclusions:") print $0 " {value: 2, note: \"all but the warehouse PCs\"}";
	else print $0 " " (opt[0] ~ /^[0-9]/ ? opt[n % k] : opt[0]); k = 0; next } { print }' \
	"$WORK/template.yaml" >"$WORK/filled.yaml"
run "$ITM" assess --answers "$WORK/filled.yaml" --org "Café Élysée" --respondent Zoë --role owner --date 2026-03-31
check "filled answers are stored" out_has '^2$'
run "$ITM" report --format json latest --org "Café Élysée"
check "report latest is the newest" jq -e '.assessment.id == 2 and .assessment.respondent == "Zoë"' "$WORK/out"
check "report has the documented keys" jq -e '
	(.overall | has("percent") and has("percent_if_known") and has("level") and has("provisional")) and
	(.domains | length == 5) and
	(.domains[0] | has("id") and has("title") and has("percent") and has("level") and has("target") and
		has("gap") and has("capped_by")) and
	(.roadmap | length > 0) and (.roadmap[0] | has("question") and has("gain") and has("next_step"))' "$WORK/out"
check "report: the don't-know band is above the score" jq -e '.overall.percent_if_known > .overall.percent' "$WORK/out"
check "report: the unknown answer is listed" jq -e '.unknown == ["roles.offboarding"]' "$WORK/out"
check "report: the note is kept" jq -e '.answers[] | select(.question == "agreements.contract-exclusions") | .note == "all but the warehouse PCs"' "$WORK/out"
check "report: a critical don't-know makes the level provisional, finding out first" jq -e '
	.overall.provisional and .overall.counts.unknown_critical == 1 and
	(.overall.level_if_known | type == "string") and .roadmap[0].question == "roles.offboarding"' "$WORK/out"
cp "$WORK/out" "$WORK/report2.json"
run "$ITM" report --format json 2
check "report is reproducible" cmp -s "$WORK/out" "$WORK/report2.json"

run "$ITM" list --format json
check "list shows both, newest first" jq -e 'length == 2 and .[0].id == 2 and .[0].status == "complete" and (.[0].overall | type == "number")' "$WORK/out"
check "list json: the language each was answered in" jq -e 'map(.language) == ["en", "en"]' "$WORK/out"
run "$ITM" --db "$WORK/lang.db" --lang nl assess --answers "$WORK/filled.yaml" --org "Bakkerij" --date 2026-01-15
check "answered in Dutch: stored" status_is 0
run "$ITM" --db "$WORK/lang.db" list --format json
check "list json: an assessment answered in Dutch says so" jq -e 'map(.language) == ["nl"]' "$WORK/out"

# Invalid answers: FILE:LINE:COL, exit 2, nothing stored.
printf 'questionnaire: quick-scan\nanswers:\n  roles.it-owner: 7\n  roles.nope: 1\n  security.mfa: n/a\n' >"$WORK/bad.yaml"
run "$ITM" assess --answers "$WORK/bad.yaml" --org X
check "bad answers exit 2" status_is 2
check "bad value reported with position" err_has "bad.yaml:3:19: answer to 'roles.it-owner': '7'"
check "unknown question reported" err_has "bad.yaml:4:3: "
check "n/a where not allowed reported" err_has "bad.yaml:5:17: "
run "$ITM" list --format json
check "nothing stored from bad answers" jq -e 'length == 2' "$WORK/out"
run "$ITM" orgs list --format json
check "no organisation added for bad answers" jq -e 'map(.name) == ["Café Élysée"]' "$WORK/out"
printf 'questionnaire: no-such-questionnaire\nanswers: {}\n' >"$WORK/other.yaml"
run "$ITM" assess --answers "$WORK/other.yaml" --org X
check "unknown questionnaire exits 2" status_is 2
run "$ITM" assess --answers "$WORK/filled.yaml" --org X --date 2026-02-30
check "impossible date exits 2" status_is 2
run "$ITM" assess --answers "$WORK/filled.yaml"
check "assess without --org exits 2" status_is 2
run "$ITM" report --format json 99
check "report of an unknown id exits 2" status_is 2
run "$ITM" report --format json 1 --format xml
check "report in an unknown format exits 2" status_is 2

# Export, import into an empty database, export again: the same bytes.
run "$ITM" export -o "$WORK/bundle.json"
check "export exits 0" status_is 0
check "export is private" [ "$(stat -c %a "$WORK/bundle.json")" = 600 ]
run "$ITM" export -o "$WORK/bundle.json"
check "export never overwrites" status_is 1
run "$ITM" --db "$WORK/second.db" import "$WORK/bundle.json"
check "import exits 0" status_is 0
check "import says what it added" out_has "1 organisation and 2 assessments added, 0 already present"
run "$ITM" --db "$WORK/second.db" import "$WORK/bundle.json"
check "second import adds nothing" out_has "0 organisations and 0 assessments added, 2 already present"
run "$ITM" --db "$WORK/second.db" export -o "$WORK/bundle2.json"
check "export of the import is the same bundle" cmp -s "$WORK/bundle.json" "$WORK/bundle2.json"
run "$ITM" --db "$WORK/second.db" report --format json 2
check "imported assessment reports the same figures" \
	sh -c "jq -S 'del(.assessment.id)' '$WORK/out' >'$WORK/a.json' && jq -S 'del(.assessment.id)' '$WORK/report2.json' >'$WORK/b.json' && cmp -s '$WORK/a.json' '$WORK/b.json'"
sed 's/"status": "complete"/"status": "finished"/' "$WORK/bundle.json" >"$WORK/broken.json"
run "$ITM" --db "$WORK/third.db" import "$WORK/broken.json"
check "invalid bundle exits 2" status_is 2
check "invalid bundle reported with position" err_has "broken.json:[0-9]*:[0-9]*: assessment: status 'finished'"

run "$ITM" delete 1 --yes
check "delete --yes exits 0" status_is 0
run "$ITM" list --format json
check "deleted assessment is gone" jq -e 'length == 1 and .[0].id == 2' "$WORK/out"
unset ITMATURITY_DB
cd "$WORK" || exit 1
