# t_names.sh - names, notes and targets as they come in: trimmed, refused
# when empty, too long, not UTF-8 or holding control characters (which
# would otherwise reach a reader's terminal); targets on a known domain's
# scale. Nothing refused is stored.
export ITMATURITY_DB="$WORK/names.db"
F="$ROOT/tests/fixtures/report"
esc=$(printf '\033')
# refused NAME ARGS...: the command exits 2, says why, and stores nothing.
refused() {
	name=$1
	shift
	run "$ITM" "$@"
	check "$name: exits 2" status_is 2
	check "$name: says why" err_has "$WHY"
	check "$name: no control character echoed" sh -c "! grep -q '$esc' '$WORK/err'"
}
WHY="is empty"
refused "orgs add with an empty name" orgs add ""
refused "orgs add with only spaces" orgs add "   "
refused "orgs add with only a newline" orgs add "
"
WHY="holds a control character"
refused "orgs add with ESC [2J" orgs add "Acme${esc}[2J"
refused "orgs add with OSC 52" orgs add "Acme${esc}]52;c;aGk=$(printf '\007')"
refused "orgs add with a bare CR" orgs add "$(printf 'Acme\rEvil')"
WHY="not valid UTF-8"
refused "orgs add with invalid UTF-8" orgs add "$(printf 'Bad\377')"
WHY="is too long"
refused "orgs add with a 101-character name" orgs add "$(printf '%0101d' 0)"
run "$ITM" orgs add "$(printf '%0100d' 0)"
check "a 100-character name is accepted" status_is 0
run "$ITM" orgs list --format json
check "nothing refused was stored" jq -e 'length == 1' "$WORK/out"

run "$ITM" orgs add "  Acme  "
check "orgs add trims the name" status_is 0
run "$ITM" orgs add "Acme"
check "'Acme' and '  Acme  ' are one organisation" status_is 2
run "$ITM" orgs list --format json
check "the name is stored trimmed" jq -e 'map(.name) | index("Acme") != null' "$WORK/out"
run "$ITM" orgs interval " Acme " 6
check "names are looked up trimmed" status_is 0
WHY="holds a control character"
refused "orgs rename to a name with ESC" orgs rename Acme "New${esc}[31m"
run "$ITM" orgs rename Acme "  Acme Ltd "
check "orgs rename trims" status_is 0

WHY="holds a control character"
refused "assess --org with ESC" assess --answers "$F/q1-owner.yaml" --questionnaire "$F/questionnaire.yaml" \
	--org "X${esc}[2J" --date 2026-01-05
refused "assess --respondent with ESC" assess --answers "$F/q1-owner.yaml" \
	--questionnaire "$F/questionnaire.yaml" --org "Acme Ltd" --respondent "Ann${esc}[2J" --date 2026-01-05
WHY="is empty"
refused "assess --role empty" assess --answers "$F/q1-owner.yaml" --questionnaire "$F/questionnaire.yaml" \
	--org "Acme Ltd" --role " " --date 2026-01-05
run "$ITM" list --format json
check "no assessment was stored" jq -e 'length == 0' "$WORK/out"

# A note with an escape written as YAML's "\e".
printf 'questionnaire: report-test\nanswers:\n  roles.it-owner: {value: informal, note: "a\\e[2Jb"}\n' \
	>"$WORK/esc-note.yaml"
WHY="esc-note.yaml:3:43: answer to 'roles.it-owner': the note holds a control character"
refused "a note with \\e in an answers file" assess --answers "$WORK/esc-note.yaml" \
	--questionnaire "$F/questionnaire.yaml" --org "Acme Ltd" --date 2026-01-05

# Targets: on the scale of a questionnaire that has the domain.
run "$ITM" assess --answers "$F/q1-owner.yaml" --questionnaire "$F/questionnaire.yaml" --org "Acme Ltd" \
	--date 2026-01-05
check "a good assessment is stored" status_is 0
run "$ITM" report --org "  Acme Ltd "
check "report --org looks the name up trimmed" status_is 0
WHY="must lie on its scale, from 0 to 4"
refused "a target above the scale" orgs target "Acme Ltd" security 9
refused "a target of 1e308" orgs target "Acme Ltd" security 1e308
refused "a negative target" orgs target "Acme Ltd" security -- -5
WHY="no questionnaire has a domain 'nonsense'"
refused "a target of an unknown domain" orgs target "Acme Ltd" nonsense 2
run "$ITM" orgs target "Acme Ltd" security 3
check "a target on the scale is set" status_is 0
run "$ITM" orgs list --format json
check "only the good target was stored" jq -e '[.[] | select(.name == "Acme Ltd") | .targets | length] == [1]' \
	"$WORK/out"
unset ITMATURITY_DB

# Dates: from 1990-01-01 to today; 9999-11-30 used to wrap around in 'due'.
export ITMATURITY_DB="$WORK/dates.db"
for d in 9999-11-30 2999-01-01 1989-12-31 1900-01-01; do
	run "$ITM" assess --answers "$F/q1-owner.yaml" --questionnaire "$F/questionnaire.yaml" --org Acme --date "$d"
	check "assess --date $d exits 2" status_is 2
	check "assess --date $d says why" err_has "the date $d is"
done
run "$ITM" assess --answers "$F/q1-owner.yaml" --questionnaire "$F/questionnaire.yaml" --org Acme --date 1990-01-01
check "assess --date 1990-01-01 is accepted" status_is 0
run "$ITM" due --today 2026-01-01
check "due after the oldest date: no wrap-around" out_lacks '0000-'
unset ITMATURITY_DB

# A database that stays locked is not the name's fault: exit 1, naming it.
export ITMATURITY_DB="$WORK/locked.db"
run "$ITM" orgs add First
# The sqlite3 shell holds a write transaction until its input closes.
mkfifo "$WORK/lock.fifo"
sqlite3 "$ITMATURITY_DB" <"$WORK/lock.fifo" &
locker=$!
exec 9>"$WORK/lock.fifo"
echo 'BEGIN IMMEDIATE;' >&9
sleep 1
run "$ITM" orgs add Second
check "orgs add on a locked database exits 1" status_is 1
check "orgs add on a locked database names it" err_has "$ITMATURITY_DB: "
exec 9>&-
wait "$locker"
run "$ITM" orgs add First
check "orgs add of a name taken exits 2" status_is 2
unset ITMATURITY_DB
