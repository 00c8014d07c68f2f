# t_output.sh - every command checks that its output was written: on a full
# disk (/dev/full) it says so on standard error and exits 1, instead of
# exiting 0 with nothing written.
F="$ROOT/tests/fixtures/report"
DB="$WORK/output.db"
for a in "q1-owner 2025-12-15" "q2-owner 2026-03-20"; do
	set -- $a
	run "$ITM" --db "$DB" assess --answers "$F/$1.yaml" --questionnaire "$F/questionnaire.yaml" \
		--org Acme --date "$2" --respondent Anna --role owner
	check "output: fixture $1 stored" status_is 0
done
id=$(cat "$WORK/out")
# full NAME ARGS...: the command, its output going to /dev/full (from the
# source tree, where ./questionnaires holds the bundled ones).
full() {
	name=$1
	shift
	(cd "$ROOT" && "$ITM" --db "$DB" "$@" >/dev/full 2>"$WORK/err")
	rc=$?
	check "$name >/dev/full exits 1" status_is 1
	check "$name >/dev/full says why" err_has 'itmaturity: standard output: write error'
	check "$name >/dev/full: one message" [ "$(grep -c 'write error' "$WORK/err")" -eq 1 ]
}
full "list" list
full "list --format json" list --format json
full "orgs list" orgs list
full "trend" trend
full "due" due --today 2026-04-01
full "compare" compare --org Acme
full "report" report "$id"
full "report --format json" report "$id" --format json
full "export" export
full "questionnaires" questionnaires
full "questionnaire show" questionnaire show sme-it-maturity
full "validate" validate "$F/questionnaire.yaml"
full "--help" --help
full "list --help" list --help
full "--version" --version
full "assess --template" assess --template
