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
