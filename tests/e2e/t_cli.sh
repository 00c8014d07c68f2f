# t_cli.sh - global options, help on every command, exit statuses.

run "$ITM" --version
check "--version" status_is 0
check "--version prints the version" out_has '^itmaturity [0-9]*\.[0-9]*\.[0-9]*$'

run "$ITM" --help
check "--help exits 0" status_is 0
check "--help lists validate" out_has '^  validate '
check "--help documents exit statuses" out_has 'Exit status'

for c in validate questionnaires questionnaire help; do
	run "$ITM" $c --help
	check "$c --help" status_is 0
	check "$c --help shows usage" out_has "^usage: itmaturity $c"
	run "$ITM" help $c
	check "help $c" out_has "^usage: itmaturity $c"
done

run "$ITM" </dev/null
check "no command and no terminal: the wizard refuses with 2" status_is 2
check "no command and no terminal: points at assess --answers" err_has 'assess --answers'

run "$ITM" frobnicate
check "unknown command exits 2" status_is 2
check "unknown command is named" err_has "unknown command 'frobnicate'"

run "$ITM" validate --frob x.yaml
check "unknown option exits 2" status_is 2
check "unknown option is named" err_has "itmaturity validate: unknown option '--frob'"
check "unknown option points at help" err_has "Try 'itmaturity validate --help'"

run "$ITM" --db
check "--db without a path exits 2" status_is 2

run "$ITM" questionnaire show --format
check "option without its value exits 2" status_is 2
check "option without its value is named" err_has "option '--format' needs a value"

run "$ITM" --db "$WORK/x.db" validate "$ROOT/tests/fixtures/questionnaire/good/minimal.yaml"
check "--db is accepted before the command" status_is 0
run "$ITM" validate "$ROOT/tests/fixtures/questionnaire/good/minimal.yaml" --db="$WORK/x.db"
check "--db= is accepted after the command" status_is 0
