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
complete_line --la
check "--lang completes" out_is --lang
complete_line --lang ""
check "the languages complete" out_is en nl fr
complete_line --lang nl rep
check "a command completes after --lang LANG" out_is report
complete_line report --format m
check "a format completes" out_is markdown
complete_line list --status ""
check "a status completes" out_is draft complete
# "--format=m" reaches the function split at "=", as bash splits it.
complete_line report --format =
check "after --format= the formats complete" out_is text markdown csv json html
complete_line report --format = c
check "--format=c completes" out_is csv

# Names and ids from the database of --db, opened read-only.
"$ITM" --db "$CDB" orgs add "Bakkerij Janssens" >/dev/null
"$ITM" --db "$CDB" orgs add 'Evil $(touch pwned)' >/dev/null
"$ITM" assess --template -q minimal >a.yaml
"$ITM" --db "$CDB" assess --answers a.yaml --org "Bakkerij Janssens" >/dev/null
before=$(cksum <"$CDB")
complete_line --db "$CDB" report --org Bakk
check "an organisation name with a space completes as one word" out_is 'Bakkerij\ Janssens'
complete_line --db = "$CDB" report --org = Bakk
check "--db=PATH and --org=Bakk complete the name" out_is 'Bakkerij\ Janssens'
complete_line --db "$CDB" report --org '"Bakkerij J'
check "inside quotes the name goes in as it is" out_is 'Bakkerij Janssens'
complete_line --db "$CDB" report --org 'Bakkerij\ J'
check "after an escaped space the name completes" out_is 'Bakkerij\ Janssens'
complete_line --db "$CDB" orgs rename Ev
check "a name holding \$(...) is offered quoted" out_is 'Evil\ \$\(touch\ pwned\)'
check "a name holding \$(...) is not run" test ! -e pwned
complete_line --db "$CDB" orgs size Bak
check "orgs size completes the organisation" out_is 'Bakkerij\ Janssens'
complete_line --db "$CDB" orgs size Bakkerij\ Janssens m
check "orgs size NAME completes the sizes" out_is micro medium
complete_line orgs add Shop --size ""
check "--size completes the sizes" out_is micro small medium
run env ITMATURITY_DB="$CDB" bash -c '. "$1"; COMP_WORDS=("$2" list --org ""); COMP_CWORD=3; _itmaturity
	printf "%s\n" "${COMPREPLY[@]}"' _ "$ROOT/completion/itmaturity.bash" "$ITM"
check "ITMATURITY_DB names the database" out_is 'Bakkerij\ Janssens' 'Evil\ \$\(touch\ pwned\)'
complete_line --db "$CDB" report ""
check "an assessment id completes, with latest" out_is latest 1
complete_line --db "$CDB" compare 1 ""
check "compare's second operand is an assessment id" out_is 1
complete_line --db "$CDB" compare --format = json 1 ""
check "an option's =value is not an operand" out_is 1
complete_line --db "$CDB" compare 1 1 ""
check "compare takes no third operand" out_is ""
check "completing leaves the database as it was" test "$(cksum <"$CDB")" = "$before"
complete_line --db "$WORK/comp/none.db" report --org ""
check "no database: no names" out_is ""
check "no database: none created" test ! -e "$WORK/comp/none.db"
# A name an older version stored with a terminal escape is left out.
sqlite3 "$CDB" "INSERT INTO org (name) VALUES ('Bad' || char(27) || '[2J')"
run "$ITM" --db "$CDB" __complete orgs
check "a name holding a control character is not offered" out_is 'Bakkerij Janssens' 'Evil $(touch pwned)'
check "no database: none created" test ! -e "$WORK/comp/none.db"

# In a real bash on a terminal (tmux): readline puts the words in as the
# shell will read them.
if command -v tmux >/dev/null 2>&1; then
	CT="tmux -L itm-comp-$$ -f /dev/null"
	mkdir -p "$WORK/comp/bin"
	ln -sf "$ITM" "$WORK/comp/bin/itmaturity"
	printf '%s\n' "PS1='$ '" "PATH='$WORK/comp/bin':\$PATH" ". '$ROOT/completion/itmaturity.bash'" >"$WORK/comp/rc"
	# A server can refuse the first session ("server exited unexpectedly"):
	# try again, a few times (as t_wizard.sh does).
	n=0
	until $CT new-session -d -x 200 -y 10 "bash --noprofile --rcfile '$WORK/comp/rc' -i" || [ $n -ge 20 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	# prompt_line: the last line of the pane that starts with the prompt.
	prompt_line() { $CT capture-pane -p | grep -e '^\$ ' -e '^\$$' | tail -1 >"$WORK/out"; }
	bash_ready() {
		i=0
		while [ $i -lt 300 ]; do
			prompt_line
			[ -s "$WORK/out" ] && return 0
			sleep 0.1
			i=$((i + 1))
		done
		$CT capture-pane -p >"$WORK/out"
		return 1
	}
	check "bash starts on a terminal" bash_ready
	# tab_shows LINE TEXT: types LINE and Tab; the prompt's line becomes TEXT
	# (tmux drops the space after it).
	tab_shows() {
		$CT send-keys C-u "$1" Tab
		i=0
		while [ $i -lt 300 ]; do
			prompt_line
			grep -qxF -- "\$ $2" "$WORK/out" && return 0
			sleep 0.1
			i=$((i + 1))
		done
		return 1
	}
	check "bash: a command completes" tab_shows "itmaturity rep" "itmaturity report"
	check "bash: a name with a space goes in escaped" \
		tab_shows "itmaturity --db $CDB report --org Bak" "itmaturity --db $CDB report --org Bakkerij\\ Janssens"
	check "bash: inside quotes it goes in quoted" \
		tab_shows "itmaturity --db $CDB report --org \"Bak" "itmaturity --db $CDB report --org \"Bakkerij Janssens\""
	check "bash: --format=m completes" tab_shows "itmaturity report --format=m" "itmaturity report --format=markdown"
	$CT kill-server 2>/dev/null
fi

# Questionnaires: ids and files; question ids of one.
complete_line assess -q mi
check "a questionnaire id completes" out_is minimal
complete_line validate a.
check "validate completes YAML files" out_is a.yaml
run "$ITM" __complete questions minimal
check "__complete questions lists the question ids" out_is q
# The plan: subcommands, the questions 'plan add' takes (of the named
# organisation's latest complete assessment), action ids.
complete_line --db "$CDB" plan d
check "plan subcommands complete" out_is done drop
complete_line --db "$CDB" plan --ov
check "plan options complete" out_is --overdue
complete_line --db "$CDB" plan add --org Bakkerij\ Janssens ""
check "plan add completes the question refs" out_is d.q
"$ITM" --db "$CDB" orgs target "Bakkerij Janssens" d 1 >/dev/null
printf 'questionnaire: minimal\nanswers:\n  d.q: no\n' >b.yaml
"$ITM" --db "$CDB" assess --answers b.yaml --org "Bakkerij Janssens" >/dev/null
"$ITM" --db "$CDB" plan add d.q --org "Bakkerij Janssens" >/dev/null
complete_line --db "$CDB" plan done ""
check "plan done completes the action ids" out_is 1
complete_line --db "$CDB" plan add --org Bakkerij\ Janssens --to ""
check "no completion for --to's value" out_is ""
run "$ITM" __complete nonsense
check "__complete refuses a kind it does not know" status_is 2
cd "$WORK" || exit 1
