# t_compare.sh - compare says when two assessments used the same
# questionnaire id and version with different texts (compared by hash).
F="$ROOT/tests/fixtures/report"
DB="$WORK/compare.db"
sed 's/^\(    *help: \)/\1Changed. /' "$F/questionnaire.yaml" >"$WORK/edited.yaml"
run "$ITM" --db "$DB" assess --answers "$F/q1-owner.yaml" --questionnaire "$F/questionnaire.yaml" \
	--org Acme --date 2026-01-10
a=$(cat "$WORK/out")
run "$ITM" --db "$DB" assess --answers "$F/q2-owner.yaml" --questionnaire "$WORK/edited.yaml" \
	--org Acme --date 2026-04-10
b=$(cat "$WORK/out")
run "$ITM" --db "$DB" compare "$a" "$b"
check "compare: same version, other text exits 0" status_is 0
check "compare: same version, other text is said" out_has "but with different texts"
run "$ITM" --db "$DB" compare "$a" "$b" --format json
check "compare json: not the same questionnaire" jq -e '.same_questionnaire == false' "$WORK/out"
run "$ITM" --db "$DB" assess --answers "$F/q3-owner.yaml" --questionnaire "$WORK/edited.yaml" \
	--org Acme --date 2026-06-10
run "$ITM" --db "$DB" compare "$b" "$(cat "$WORK/out")"
check "compare: the same text gives no warning" out_lacks "Warning"

# An assessment of the bundled questionnaire's version 1.0 (its text kept in
# tests/fixtures/compare) compared with one of the current version: matched
# by id, with a warning, and the questions new since 1.0 listed as added.
# Every question answered with the option its template lists first.
fill_first='/^  #  +[0-9.]* +[a-z][a-z0-9-]* / { if (!k) k = ($3 ~ /^[a-z]/ ? $3 : $2) }
/^  #      [a-z][a-z0-9-]* / { if (!k && $2 != "unknown" && $2 != "n/a") k = $2 }
/^  [a-z0-9-]+\.[a-z0-9-]+:$/ { print $0 " " k; k = ""; next }
{ print }'
V10="$ROOT/tests/fixtures/compare/sme-it-maturity-1.0.yaml"
"$ITM" assess --template -q "$V10" | awk "$fill_first" >"$WORK/v10.yaml"
V11="$ROOT/questionnaires/sme-it-maturity.yaml"
"$ITM" assess --template -q "$V11" | awk "$fill_first" >"$WORK/v11.yaml"
run "$ITM" --db "$DB" assess --answers "$WORK/v10.yaml" -q "$V10" --org Versions --date 2026-06-01
check "1.0: an assessment of version 1.0 is stored" status_is 0
v10=$(cat "$WORK/out")
run "$ITM" --db "$DB" assess --answers "$WORK/v11.yaml" -q "$V11" --org Versions --date 2026-09-01
check "1.1: and one of the current version" status_is 0
v11=$(cat "$WORK/out")
run "$ITM" --db "$DB" compare "$v10" "$v11"
check "1.0 vs current: compare exits 0" status_is 0
check "1.0 vs current: the versions differ, said" out_has "different questionnaires (sme-it-maturity 1.0 and"
check "1.0 vs current: a new question is listed as added" out_has "^- agreements.support-model$"
run "$ITM" --db "$DB" compare "$v10" "$v11" --format json
check "1.0 vs current json: not the same questionnaire" jq -e '.same_questionnaire == false' "$WORK/out"
check "1.0 vs current json: nothing removed, every 1.0 id kept" jq -e '.removed == []' "$WORK/out"
check "1.0 vs current json: the new questions added" jq -e '.added | index("security.firewall") != null' "$WORK/out"
check "1.0 vs current json: every domain matched" jq -e '.domains | length == 5' "$WORK/out"
