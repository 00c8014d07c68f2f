# t_questionnaires.sh - the catalogue and 'questionnaire show'.

# From the source tree: ./questionnaires is searched first.
cd "$ROOT" || exit 1
run "$ITM" questionnaires
check "questionnaires exits 0" status_is 0
check "questionnaires has a header" out_has '^ID  *VERSION  *QUESTIONS  *MINUTES  *TITLE  *PATH$'
check "questionnaires lists the full assessment" out_has '^sme-it-maturity .* questionnaires/sme-it-maturity.yaml$'
check "questionnaires lists the quick scan" out_has '^quick-scan .* questionnaires/quick-scan.yaml$'
cd "$WORK" || exit 1

# From elsewhere: the XDG data folder; invalid files are named.
mkdir -p "$WORK/xdg/itmaturity/questionnaires"
cp "$ROOT/tests/fixtures/questionnaire/good/minimal.yaml" "$WORK/xdg/itmaturity/questionnaires/"
cp "$ROOT/tests/fixtures/questionnaire/bad/alias.yaml" "$WORK/xdg/itmaturity/questionnaires/"
run env XDG_DATA_HOME="$WORK/xdg" "$ITM" questionnaires
check "XDG folder is searched" out_has "^minimal .*xdg/itmaturity/questionnaires/minimal.yaml$"
check "invalid file named on stderr" err_has "alias.yaml: not a valid questionnaire"

# The installed share folder is the tests' own, empty (lib.sh): nothing is
# found, whatever is installed on this machine.
mkdir -p "$WORK/empty" && cd "$WORK/empty" || exit 1
run env XDG_DATA_HOME="$WORK/empty" "$ITM" questionnaires
check "nothing found exits 1" status_is 1
check "nothing found says where it looked" err_has "no questionnaires found"

# ITMATURITY_DATADIR is searched: a questionnaire in its questionnaires
# folder is listed and found by id.
mkdir -p "$ITMATURITY_DATADIR/questionnaires"
cp "$ROOT/tests/fixtures/questionnaire/good/minimal.yaml" "$ITMATURITY_DATADIR/questionnaires/"
run env XDG_DATA_HOME="$WORK/empty" "$ITM" questionnaires
check "ITMATURITY_DATADIR is searched" out_has "^minimal .* $ITMATURITY_DATADIR/questionnaires/minimal.yaml$"
run env XDG_DATA_HOME="$WORK/empty" "$ITM" questionnaire show minimal
check "a questionnaire of ITMATURITY_DATADIR found by id" status_is 0

# It replaces the installed folder: a binary installed into a prefix of its
# own lists what is in its share folder only when ITMATURITY_DATADIR is empty.
P="$WORK/qn-prefix"
run make -s --no-print-directory -C "$ROOT" install PREFIX="$P"
check "make install into a prefix exits 0" status_is 0
run env XDG_DATA_HOME="$WORK/empty" "$P/bin/itmaturity" questionnaires
check "installed folder not searched while ITMATURITY_DATADIR is set" out_lacks "$P/share"
check "... while the tests' own folder is" out_has " $ITMATURITY_DATADIR/questionnaires/minimal.yaml$"
run env XDG_DATA_HOME="$WORK/empty" ITMATURITY_DATADIR= "$P/bin/itmaturity" questionnaires
check "ITMATURITY_DATADIR empty: the installed folder is searched" \
	out_has " $P/share/itmaturity/questionnaires/quick-scan.yaml$"
check "ITMATURITY_DATADIR empty: its folder is not" out_lacks "minimal.yaml"
run make -s --no-print-directory -C "$ROOT" uninstall PREFIX="$P"
check "make uninstall from the prefix exits 0" status_is 0
# The binary of the source tree back to the default DATADIR, as t_install leaves it.
run make -s --no-print-directory -C "$ROOT" itmaturity
rm "$ITMATURITY_DATADIR/questionnaires/minimal.yaml"
cd "$WORK" || exit 1

run "$ITM" questionnaire show "$ROOT/questionnaires/quick-scan.yaml" --format json
check "show json exits 0" status_is 0
check "show json parses" jq -e . "$WORK/out" >/dev/null
check "show json has the documented keys" jq -e '
	(.id == "quick-scan") and (.title|type == "string") and (.version|type == "string") and
	(.scale|length >= 2) and (.scale[0]|has("value") and has("name")) and
	(.domains|length == 5) and
	(.domains[0]|has("id") and has("title") and has("weight") and has("target") and has("questions")) and
	(.domains[0].questions[0]|has("id") and has("text") and has("help") and has("weight") and
		has("critical") and has("kind") and has("options")) and
	(.domains[0].questions[0].options[0]|has("key") and has("value") and has("description") and has("next_step"))
	' "$WORK/out"
check "show json: question ids are DOMAIN.QUESTION" jq -e \
	'[.domains[] as $d | $d.questions[] | .id | startswith($d.id + ".")] | all' "$WORK/out"
check "show json: a verdict on every level, the firefighting question marked" jq -e '
	([.scale[].verdict | type == "string"] | all) and
	([.domains[].questions[] | select(.indicator != null) | [.id, .indicator]] ==
		[["structure.reactive-share", "reactive"]])' "$WORK/out"

cd "$ROOT" || exit 1
run "$ITM" questionnaire show sme-it-maturity
check "show by id exits 0" status_is 0
check "show text has the title line" out_has '^id sme-it-maturity, version '
run "$ITM" questionnaire show no-such-id
check "unknown id exits 2" status_is 2
check "unknown id is named" err_has "no-such-id: no questionnaire with this id"
cd "$WORK" || exit 1

run "$ITM" questionnaire show "$ROOT/tests/fixtures/questionnaire/bad/alias.yaml"
check "show invalid file exits 2" status_is 2
check "show invalid file reports position" err_has "alias.yaml:3:8:"
run "$ITM" questionnaire show x.yaml --format xml
check "unknown format exits 2" status_is 2
run "$ITM" questionnaire list
check "unknown subcommand exits 2" status_is 2
