# t_completion.sh - the bash completion (completion/itmaturity.bash) driven
# as bash drives it: COMP_WORDS and COMP_CWORD set, then _itmaturity, whose
# COMPREPLY is printed one a line. The words come from '__complete'.
mkdir -p "$WORK/comp/questionnaires" && cd "$WORK/comp" || exit 1
cp "$ROOT/tests/fixtures/questionnaire/good/minimal.yaml" questionnaires/
CDB="$WORK/comp/comp.db"

# complete WORD...: completes the last WORD of "itmaturity WORD...".
complete_line() {
	run bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _itmaturity
		printf "%s\n" "${COMPREPLY[@]}"' _ "$ROOT/completion/itmaturity.bash" "$ITM" "$@"
}
out_is() { printf '%s\n' "$@" | cmp -s - "$WORK/out"; }

complete_line rep
check "a command completes" out_is report
complete_line ""
check "every command is offered" out_has '^questionnaires$'
check "the hidden command is not offered" out_lacks '__complete'
complete_line report --fo
check "an option completes" out_is --format
complete_line --r
check "a global option completes" out_is --read-only
complete_line report --format m
check "a format completes" out_is markdown
complete_line list --status ""
check "a status completes" out_is draft complete

# Names and ids from the database of --db, opened read-only.
"$ITM" --db "$CDB" orgs add "Bakkerij Janssens" >/dev/null
"$ITM" --db "$CDB" orgs add 'Evil $(touch pwned)' >/dev/null
"$ITM" assess --template -q minimal >a.yaml
"$ITM" --db "$CDB" assess --answers a.yaml --org "Bakkerij Janssens" >/dev/null
before=$(cksum <"$CDB")
complete_line --db "$CDB" report --org Bakk
check "an organisation name with a space completes as one word" out_is 'Bakkerij\ Janssens'
complete_line --db "$CDB" report --org '"Bakkerij J'
check "inside quotes the name goes in as it is" out_is 'Bakkerij Janssens'
complete_line --db "$CDB" report --org 'Bakkerij\ J'
check "after an escaped space the name completes" out_is 'Bakkerij\ Janssens'
complete_line --db "$CDB" orgs rename Ev
check "a name holding \$(...) is offered quoted" out_is 'Evil\ \$\(touch\ pwned\)'
check "a name holding \$(...) is not run" test ! -e pwned
run env ITMATURITY_DB="$CDB" bash -c '. "$1"; COMP_WORDS=("$2" list --org ""); COMP_CWORD=3; _itmaturity
	printf "%s\n" "${COMPREPLY[@]}"' _ "$ROOT/completion/itmaturity.bash" "$ITM"
check "ITMATURITY_DB names the database" out_is 'Bakkerij\ Janssens' 'Evil\ \$\(touch\ pwned\)'
complete_line --db "$CDB" report ""
check "an assessment id completes, with latest" out_is latest 1
complete_line --db "$CDB" compare 1 ""
check "compare's second operand is an assessment id" out_is 1
check "completing leaves the database as it was" test "$(cksum <"$CDB")" = "$before"
complete_line --db "$WORK/comp/none.db" report --org ""
check "no database: no names" out_is ""
check "no database: none created" test ! -e "$WORK/comp/none.db"
# A name an older version stored with a terminal escape is left out.
sqlite3 "$CDB" "INSERT INTO org (name) VALUES ('Bad' || char(27) || '[2J')"
run "$ITM" --db "$CDB" __complete orgs
check "a name holding a control character is not offered" out_is 'Bakkerij Janssens' 'Evil $(touch pwned)'
check "no database: none created" test ! -e "$WORK/comp/none.db"

# Questionnaires: ids and files; question ids of one.
complete_line assess -q mi
check "a questionnaire id completes" out_is minimal
complete_line validate a.
check "validate completes YAML files" out_is a.yaml
run "$ITM" __complete questions minimal
check "__complete questions lists the question ids" out_is q
run "$ITM" __complete nonsense
check "__complete refuses a kind it does not know" status_is 2
cd "$WORK" || exit 1
