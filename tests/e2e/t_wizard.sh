# t_wizard.sh - the wizard in a real terminal: a private tmux server per
# scenario, keys sent with send-keys, the screen read with capture-pane.
# Every wait polls for the expected text (up to 60 s, for valgrind) and
# returns as soon as it shows; the stored assessments are checked with the
# JSON commands afterwards.
cd "$ROOT" || exit 1   # ./questionnaires: the bundled ones
WDB="$WORK/wizard.db"
TODAY=$(date +%F)
ESC=$(printf '\033')

if ! command -v tmux >/dev/null 2>&1; then
	check "tmux is installed (needed for the wizard tests)" false
	return 0 2>/dev/null || exit 1
fi

WT="tmux -L itm-e2e-$$ -f /dev/null"

# wiz_start [VAR=VALUE...] [-- ARGS...]: runs the wizard in a new 80x24
# tmux session; its exit status goes to $WORK/wiz.status and its stderr to
# $WORK/wiz.err, the terminal's settings afterwards to $WORK/wiz.stty.
wiz_start() {
	envs="" args=""
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs="$envs '$1'"; shift; done
	[ "${1:-}" = "--" ] && shift
	for a in "$@"; do args="$args '$a'"; done
	rm -f "$WORK/wiz.status" "$WORK/wiz.err" "$WORK/wiz.stty"
	cat >"$WORK/wiz.sh" <<EOF
trap : INT
env $envs "$ITM" --db "$WDB" $args 2>"$WORK/wiz.err"
rc=\$?
# The settings first: the status is what the checks wait for.
stty -a >"$WORK/wiz.stty" 2>&1
echo "itm-exit=\$rc" >"$WORK/wiz.status"
cat "$WORK/wiz.status"
exec sleep 600
EOF
	# A server still going away after wiz_stop can refuse the new session
	# ("server exited unexpectedly"): try again, a few times.
	n=0
	until $WT new-session -d -s w -x 80 -y 24 "sh $WORK/wiz.sh" 2>/dev/null || [ $n -ge 20 ]; do
		sleep 0.1
		n=$((n + 1))
	done
}

# Stops the private server and waits until it has gone.
wiz_stop() { tmux_stop "$WT"; }
keys() { $WT send-keys -t w "$@"; }
text() { $WT send-keys -t w -l "$1"; }
screen() { $WT capture-pane -p -t w >"$WORK/screen" 2>/dev/null; }

# wait_for TEXT: polls the pane until TEXT (fixed string) shows.
wait_for() {
	i=0
	while [ $i -lt 600 ]; do
		screen
		grep -qF -- "$1" "$WORK/screen" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "  (waited for '$1'; the screen was:)"
	sed 's/^/  | /' "$WORK/screen"
	[ -s "$WORK/wiz.err" ] && sed 's/^/  stderr: /' "$WORK/wiz.err"
	return 1
}
on_screen() { screen; grep -qF -- "$1" "$WORK/screen"; }
exited_with() { wait_for "itm-exit=" >/dev/null && grep -qx "itm-exit=$1" "$WORK/wiz.status"; }
# The terminal is back in canonical mode with echo, and out of the
# alternate screen.
terminal_restored() {
	[ -s "$WORK/wiz.stty" ] && ! grep -qw -- '-icanon' "$WORK/wiz.stty" &&
		! grep -qw -- '-echo' "$WORK/wiz.stty" &&
		[ "$($WT display -p -t w '#{alternate_on}')" = 0 ]
}
wiz_clean_stderr() { ! grep -q -e 'Sanitizer' -e 'runtime error' -e '==[0-9]*==' "$WORK/wiz.err"; }

# The bundled questionnaires' question counts and minutes, so that the tests
# hold whatever their versions hold.
"$ITM" questionnaires >"$WORK/qns"
FULL_N=$(awk '$1 == "sme-it-maturity" { print $3 }' "$WORK/qns")
FULL_MIN=$(awk '$1 == "sme-it-maturity" { print $4 }' "$WORK/qns")
QS_N=$(awk '$1 == "quick-scan" { print $3 }' "$WORK/qns")
QS_MIN=$(awk '$1 == "quick-scan" { print $4 }' "$WORK/qns")
# qs_keys FROM KEY [UNKNOWN]: the keys (tmux names) that answer the quick
# scan's questions from question FROM on with KEY, "don't know" (u) on the
# question UNKNOWN, passing each later domain's intro page with Enter.
qs_keys() {
	"$ITM" assess --template --questionnaire quick-scan |
		awk -v from="$1" -v key="$2" -v unk="${3:-}:" '
			/^  # ==== / { d++; if (d > 1 && n >= from - 1) printf "Enter " }
			/^  [a-z]+\.[a-z-]+:$/ { n++; if (n >= from) printf "%s ", ($1 == unk ? "u" : key) }'
}

# ---- without a usable terminal: refused, pointing at assess --answers ----
run "$ITM" --db "$WDB" </dev/null
check "wizard without a terminal exits 2" status_is 2
check "wizard without a terminal says why" err_has "not a terminal"
check "wizard without a terminal points at assess --answers" err_has "assess --answers"
check "nothing is created without a terminal" [ ! -e "$WDB" ]
run "$ITM" --db "$WDB" assess --org X </dev/null
check "assess without --answers and without a terminal exits 2" status_is 2
check "assess without a terminal points at assess --answers" err_has "assess --answers"

wiz_start TERM=dumb
check "TERM=dumb: refused with status 2" exited_with 2
check "TERM=dumb: the reason names the terminal" grep -q "'dumb' cannot move the cursor" "$WORK/wiz.err"
check "TERM=dumb: points at assess --answers" grep -q "assess --answers" "$WORK/wiz.err"
wiz_stop
wiz_start -u TERM
check "TERM unset: refused with status 2" exited_with 2
check "TERM unset: says so" grep -q "TERM is not set" "$WORK/wiz.err"
wiz_stop

# ---- --questionnaire: an unknown id or a bad file is refused as by the ----
# command line (exit 2, the loader's message), never replaced by another
wiz_start -- assess --questionnaire no-such-questionnaire
check "wizard: an unknown questionnaire id exits 2" exited_with 2
check "wizard: the unknown id is named" grep -q "no-such-questionnaire: no questionnaire with this id" "$WORK/wiz.err"
wiz_stop
printf 'id: broken\n' >"$WORK/broken.yaml"
wiz_start -- assess --questionnaire "$WORK/broken.yaml"
check "wizard: an invalid questionnaire file exits 2" exited_with 2
check "wizard: the file's errors are positioned" grep -q "broken.yaml:[0-9]*:[0-9]*: " "$WORK/wiz.err"
wiz_stop
wiz_start -- assess --questionnaire "$ROOT/tests/fixtures/screens/long-texts.yaml"
check "wizard: a questionnaire file outside the catalogue is opened" wait_for "A questionnaire with very long… · 3 questions"
keys q
wiz_stop

# ---- a quick scan by keyboard, from an empty database -------------------
wiz_start
check "start screen shows" wait_for "Organisation"
check "start screen gives the question count and minutes" wait_for "($FULL_N questions, about $FULL_MIN minutes)"
keys F1
check "F1 shows every key" wait_for "Every key of the wizard"
check "the key list is drawn from the key table" on_screen "answer (with the option of that number)"
keys Escape
check "Esc closes the key list" wait_for "Enter: choose another organisation"
keys Enter
check "organisation list offers a new one" wait_for "New organisation"
keys Enter
check "asks the organisation's name" wait_for "Name of the new organisation"
text "Café Élysée"
keys Enter
check "asks the organisation's size, small highlighted" wait_for "▸ small   10 to 49 people"
keys Enter
check "organisation added (UTF-8 name)" wait_for "Added the organisation Café Élysée."
keys Enter
check "asks the respondent" wait_for "Name of the respondent"
keys C-u
text "Zoë"
keys Enter
check "respondent shown" wait_for "Zoë"
keys Enter
check "role list" wait_for "Role of the respondent"
keys Enter Enter
check "questionnaire list with the quick scan" wait_for "IT maturity quick scan · $QS_N questions · about $QS_MIN min"
keys Up Enter
check "quick scan chosen" wait_for "Start a new assessment ($QS_N questions, about $QS_MIN minutes)"
keys Enter
check "domain intro first" wait_for "Roles & responsibilities · domain 1 of 5"
check "the intro says why it matters" on_screen "Why it matters"
keys Enter
check "first question" wait_for "Who is responsible for IT in your company?"
check "options with their numbers" on_screen "2  named: A named person owns IT"
keys '?'
check "? shows the question's help" wait_for "Somebody in your company has to own IT"
keys j j j j j
check "don't know offered where allowed" wait_for "u  Don't know"
keys 2 1
check "progress per domain and overall" wait_for "2/$QS_N answered"
check "domain progress marks" on_screen "■■□"
# shellcheck disable=SC2046 # one key per word
keys $(qs_keys 3 2 security.patching)
check "review page after the last question" wait_for "Before you complete"
check "review lists the don't-know question" on_screen "Security: Are security updates installed"
check "review counts" on_screen "$QS_N answered (1 of them \"don't know\"), 0 unanswered"
keys c
check "results screen" wait_for "Overall: level"
check "results: the don't-know band" on_screen "the score lies between"
check "results: bars against targets" on_screen "· target Defined"
check "results: a critical \"don't know\" makes the level provisional" on_screen "(provisional: Repeatable once 1 critical answer is"
check "results: no previous yet" on_screen "nothing to compare with yet"
check "results: the domain held by it says so too" on_screen "Initial (provisional: Repeatable once 1 critical answer is known)"
keys NPage
check "results: the roadmap" wait_for "Next steps (the roadmap's top 5"
keys NPage
check "results: the support-contract list" wait_for "Ask your IT partner"
keys e
check "export asks a file name" wait_for "itmaturity-café-Élysée-$TODAY.txt"
keys C-u
text "$WORK/wizard-report.txt"
keys Enter
check "export writes the text report" wait_for "Report written to"
keys e
check "export asks again" wait_for "Export the report to"
keys C-u
text "$WORK/wizard-report.json"
keys Enter
check "export writes the JSON report" wait_for "wizard-report.json"
keys q
check "quit from the results exits 0" exited_with 0
check "terminal restored after q" terminal_restored
check "no sanitizer report in the wizard" wiz_clean_stderr
wiz_stop
run "$ITM" --db "$WDB" list --format json
check "the assessment is stored complete" jq -e 'length == 1 and .[0].status == "complete" and .[0].questionnaire == "quick-scan" and .[0].organisation == "Café Élysée" and .[0].respondent == "Zoë" and .[0].role == "owner" and (.[0].overall | type == "number")' "$WORK/out"
run "$ITM" --db "$WDB" report 1
check "the exported text report is the stored one" cmp -s "$WORK/out" "$WORK/wizard-report.txt"
run "$ITM" --db "$WDB" report --format json 1
check "every answer is stored" jq -e --argjson n "$QS_N" '[.answers[] | select(.answer != "none")] | length == $n' "$WORK/out"
check "the answers are the keys pressed" jq -e '[.answers[] | .value // .answer] | .[0:2] == [2,1]' "$WORK/out"
check "the answers are the keys pressed (2, u)" jq -e '[.answers[2:][] | select(.value != null) | .value] | unique == [2]' "$WORK/out"
check "the don't-know is stored" jq -e '[.answers[] | select(.answer == "unknown") | .question] == ["security.patching"]' "$WORK/out"
check "the exported report is the stored one" cmp -s "$WORK/out" "$WORK/wizard-report.json"

# ---- quit half way, resume the draft ------------------------------------
wiz_start -- assess --org "Café Élysée" --respondent "Zoë" --role owner --questionnaire quick-scan
check "assess opens the wizard, prefilled" wait_for "Start a new assessment ($QS_N questions"
keys Enter Enter 2 1
check "two answered" wait_for "2/$QS_N answered"
check "a later assessment shows the previous answer" on_screen "Last time ($TODAY): "
keys q
check "q keeps the draft and exits 0" exited_with 0
check "q says the draft is kept" wait_for "2 of $QS_N answered) is kept"
check "terminal restored after q mid-way" terminal_restored
wiz_stop
run "$ITM" --db "$WDB" list --status draft --format json
check "the draft is stored" jq -e 'length == 1 and .[0].id == 2' "$WORK/out"
run "$ITM" --db "$WDB" report --format json 2
check "the draft has its two answers" jq -e '[.answers[] | select(.answer != "none")] | length == 2' "$WORK/out"
wiz_start
check "start screen offers the draft" wait_for "Resume the draft of $TODAY (quick-scan, 2/$QS_N answered, Zoë)"
keys Enter
check "resumes at the first unanswered question" wait_for "Roles & responsibilities · question 3 of 3"
# shellcheck disable=SC2046 # one key per word
keys $(qs_keys 3 2)
check "review of the resumed draft" wait_for "$QS_N answered (0 of them"
keys c
check "results of the resumed one" wait_for "Overall: level"
check "results: the change since the previous" on_screen "Since $TODAY:"
keys h
check "history from the results" wait_for "2 complete assessments"
check "history: a trend per domain" on_screen "Trend per domain"
keys c
check "compare the last two" wait_for "Answers that changed"
check "compare shows a changed answer" on_screen "don't know → "
keys q
check "quit from compare exits 0" exited_with 0
wiz_stop

# ---- a reassessment: previous answers, a reason for a drop ----------------
wiz_start
check "start screen offers a reassessment" wait_for "Reassess: the quick-scan again"
keys Down Enter
check "reassessment starts" wait_for "Roles & responsibilities · domain 1 of 5"
keys Enter
check "previous answer and date shown" wait_for "Last time ($TODAY): named (2)"
check "the previous option is marked" on_screen "named (last time)"
keys 1
check "a lower answer asks for a reason" wait_for "Lower than on $TODAY (named (2)). Why?"
text "the IT owner left"
keys Enter
check "after the reason, the next question" wait_for "question 2 of 3"
keys q
check "quit after the reason" exited_with 0
wiz_stop
run "$ITM" --db "$WDB" report --format json 3
check "the reason is kept as the note" jq -e '.answers[] | select(.question == "roles.it-owner") | .option == "informal" and .note == "Lower than '"$TODAY"': the IT owner left"' "$WORK/out"

# ---- resize to 30x8 and back: nothing lost --------------------------------
wiz_start
check "resize: start" wait_for "Resume the draft"
keys Enter
check "resize: on a question" wait_for "question 2 of 3"
$WT resize-window -t w -x 30 -y 8
check "too small at 30x8" wait_for "Terminal too small"
check "too small names the minimum" on_screen "60×16"
$WT resize-window -t w -x 80 -y 24
check "back at 80x24: the same question" wait_for "question 2 of 3"
check "the too-small message is gone" sh -c "! grep -q 'too small' '$WORK/screen'"
check "the answers are still counted" on_screen "1/$QS_N answered"

# ---- Ctrl-C restores the terminal and keeps the draft ---------------------
keys 1
check "one more answer" wait_for "2/$QS_N answered"
keys C-c
check "Ctrl-C exits 130" exited_with 130
check "Ctrl-C restores the terminal" terminal_restored
check "Ctrl-C says the draft is kept" grep -q "is kept" "$WORK/wiz.err"
check "no sanitizer report after Ctrl-C" wiz_clean_stderr
wiz_stop
run "$ITM" --db "$WDB" report --format json 3
check "the draft kept its answers after Ctrl-C" jq -e '.assessment.status == "draft" and ([.answers[] | select(.answer != "none")] | length == 2)' "$WORK/out"

# ---- SIGTERM too ----------------------------------------------------------
wiz_start
check "SIGTERM: start" wait_for "Resume the draft"
SHPID=$($WT display -p -t w '#{pane_pid}')
WPID=$(ps -o pid= --ppid "$SHPID" | tr -d ' ' | head -1)
[ -n "$WPID" ] && kill -TERM "$WPID"
check "SIGTERM exits 143" exited_with 143
check "SIGTERM restores the terminal" terminal_restored
wiz_stop

# ---- colours: none under NO_COLOR, some without ----------------------------
has_colour() {
	$WT capture-pane -e -p -t w >"$WORK/screen-e"
	grep -qE "$ESC\\[([0-9]+;)*(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9]+)*m" "$WORK/screen-e"
}
wiz_start NO_COLOR=1
check "NO_COLOR: start" wait_for "Resume the draft"
check "NO_COLOR: no colour on the screen" sh -c "! { $WT capture-pane -e -p -t w | grep -qE '$ESC\\[([0-9]+;)*(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9]+)*m'; }"
check "NO_COLOR: still highlighted (reverse video)" sh -c "$WT capture-pane -e -p -t w | grep -q '$ESC\\[7m'"
keys q
wiz_stop
wiz_start
check "colours: start" wait_for "Resume the draft"
check "colours on without NO_COLOR" has_colour
keys q
check "colours: quit" exited_with 0
wiz_stop
# The server is gone; its socket file may stay behind.
rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/itm-e2e-$$"

# ---- two wizards on one draft: once one completes it, the other's keys ----
# change nothing (issue 13, point 5). B resumes draft 3 and waits on a
# question; A, in a second session driven by a key script, resumes it too,
# answers the rest as last time and completes it; then B answers, clears
# and goes to complete: each is refused in its status line, on its screen.
run "$ITM" --db "$WDB" list --status draft --format json
check "two wizards: draft 3 is a draft" jq -e 'length == 1 and .[0].id == 3' "$WORK/out"
wiz_start
check "two wizards: B starts" wait_for "Resume the draft"
keys Enter
check "two wizards: B on a question" wait_for "Roles & responsibilities · question 3 of 3"
rm -f "$WORK/a.status"
$WT new-session -d -s a -x 80 -y 24 "env ITMATURITY_KEYS='<Enter>$(qs_keys 3 3 | sed 's/Enter/<Enter>/g; s/ //g')cq' '$ITM' --db '$WDB' 2>'$WORK/a.err'; echo \$? >'$WORK/a.status'"
n=0
while [ ! -s "$WORK/a.status" ] && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done
check "two wizards: A completes the draft and exits 0" grep -qx 0 "$WORK/a.status"
run "$ITM" --db "$WDB" list --format json
check "two wizards: assessment 3 is complete" jq -e '.[] | select(.id == 3) | .status == "complete"' "$WORK/out"
cp "$WORK/out" "$WORK/list-before"
run "$ITM" --db "$WDB" report --format json 3
cp "$WORK/out" "$WORK/report-before"
keys 3
check "two wizards: B's answer is refused" wait_for "The answer was not saved: assessment 3 was completed elsewhere"
check "two wizards: B keeps its screen" on_screen "Roles & responsibilities · question 3 of 3"
keys Left
check "two wizards: B goes back" wait_for "Roles & responsibilities · question 2 of 3"
keys Delete
check "two wizards: B's clear is refused" wait_for "The answer was not cleared: assessment 3 was completed elsewhere"
keys r
check "two wizards: B on the review page" wait_for "Before you complete"
keys c
check "two wizards: B's complete is refused" wait_for "Not completed: assessment 3 was completed elsewhere"
keys q
check "two wizards: B quits" exited_with 0
check "two wizards: no sanitizer report" wiz_clean_stderr
wiz_stop
run "$ITM" --db "$WDB" list --format json
check "two wizards: list unchanged after B" cmp -s "$WORK/out" "$WORK/list-before"
run "$ITM" --db "$WDB" report --format json 3
check "two wizards: report unchanged after B" cmp -s "$WORK/out" "$WORK/report-before"
check "two wizards: list and report agree" jq -e --slurpfile r "$WORK/out" '.[] | select(.id == 3) | .overall == $r[0].overall.percent' "$WORK/list-before"
# ---- a new organisation's size, asked after its name --------------------
WDB="$WORK/size-wizard.db"
wiz_start
check "size: start screen" wait_for "Organisation"
keys Enter
check "size: the list offers a new organisation" wait_for "New organisation"
keys Enter
check "size: asks the name" wait_for "Name of the new organisation"
text "Mini BV"
keys Enter
check "size: asks the size" wait_for "Size of the organisation"
check "size: small highlighted" on_screen "▸ small   10 to 49 people"
keys Up
check "size: micro picked" wait_for "▸ micro   fewer than 10 people"
keys Enter
check "size: the organisation added" wait_for "Added the organisation Mini BV."
keys Up Enter
check "size: the list again" wait_for "New organisation"
keys Down Enter
check "size: asks another name" wait_for "Name of the new organisation"
text "Gone BV"
keys Enter
check "size: asks its size" wait_for "Size of the organisation"
keys Escape
check "size: Esc adds nothing" wait_for "No organisation added."
keys q
check "size: quit exits 0" exited_with 0
check "size: no sanitizer report" wiz_clean_stderr
wiz_stop
run "$ITM" --db "$WDB" orgs list --format json
check "size: stored as micro, and only that one" jq -e '. == [{"name": "Mini BV", "size": "micro", "interval_months": 3, "targets": {}}]' "$WORK/out"

# ---- questions that do not apply (applies_if) are passed by ---------------
WDB="$WORK/gated.db"
mkdir -p "$WORK/gated/itmaturity/questionnaires"
cp tests/fixtures/score/applies-if.yaml "$WORK/gated/itmaturity/questionnaires/"
wiz_start XDG_DATA_HOME="$WORK/gated" -- assess --org Gated --respondent R --role owner --questionnaire applies-if
check "gated: prefilled start" wait_for "Start a new assessment (6 questions"
keys Enter Enter
check "gated: the support model first" wait_for "How is your IT supported?"
keys 4
check "gated: in-house skips the contract question" wait_for "Are there rules for staff?"
check "gated: the count leaves out what does not apply" on_screen "1/4 answered"
check "gated: counted from the questionnaire's order" on_screen "question 3 of 4"
keys 4
check "gated: and the scope question, on to security" wait_for "Backups."
keys Left
check "gated: back passes them by too" wait_for "Are there rules for staff?"
keys r
check "gated: the review page" wait_for "Before you complete"
check "gated: the review lists what applies" on_screen "Are backups made and tested?"
check "gated: not what does not" eval '! on_screen "Does the contract say"'
check "gated: and counts them apart" on_screen "4 questions: 2 answered"
check "gated: the ones that do not apply" on_screen "2 unanswered; 2 more do"
keys q
check "gated: quits" exited_with 0
check "gated: no sanitizer report" wiz_clean_stderr
wiz_stop

# ---- the action plan (issue 15): add from the results, edit, drop; the ----
# next reassessment shows "Planned:", verifies it, and says so.
WDB="$WORK/wizard-plan.db"
mkdir -p "$WORK/wizard-planqn/itmaturity/questionnaires"
cp tests/fixtures/plan/plan.yaml "$WORK/wizard-planqn/itmaturity/questionnaires/"
# plan_pick TEXT: the number of the pick list's item holding TEXT.
plan_pick() { screen; grep -o "[0-9]\. $1" "$WORK/screen" | head -1 | cut -d. -f1; }
wiz_start XDG_DATA_HOME="$WORK/wizard-planqn" -- assess --org Plan --respondent R --role owner --questionnaire plan-test
check "plan: prefilled start" wait_for "Start a new assessment (2 questions"
keys p
check "plan: none before a complete assessment" wait_for "No complete assessment of this organisation yet: no plan."
keys Enter Enter
check "plan: the first question" wait_for "How are backups made?"
keys 1
check "plan: the second question" wait_for "Are updates installed?"
keys 0
check "plan: the review page" wait_for "Before you complete"
keys c
check "plan: the results" wait_for "Next steps"
check "plan: no plan line without actions" eval '! on_screen "Plan:"'
check "plan: the key line offers adding" on_screen "a add to plan"
keys a
check "plan: the roadmap's steps to choose from" wait_for "Add which step of the roadmap to the plan?"
keys "$(plan_pick 'How are backups made?')"
check "plan: asks the owner" wait_for "Owner of \"How are backups made?\""
text "Jan"
keys Enter
check "plan: asks the due date, the next reassessment filled in" wait_for "Due date (YYYY-MM-DD; filled in: the next reassessment)"
check "plan: the default due date is after today" sh -c "grep -o '20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]' '$WORK/screen' | grep -v '$TODAY' | grep -q ."
keys C-u
text "2030-01-31"
keys Enter
check "plan: added" wait_for "Action 1 added: reach automatic by 2030-01-31."
check "plan: the results count it" wait_for "Plan: 1 action still open, 0 overdue"
keys a
check "plan: the list again" wait_for "(in the plan)"
keys "$(plan_pick 'How are backups made?')"
check "plan: a step in the plan already is refused" wait_for "\"How are backups made?\" has an open action already: 1."
keys a
check "plan: the list once more" wait_for "(in the plan)"
keys "$(plan_pick 'Are updates installed?')"
check "plan: the owner, empty" wait_for "Owner of \"Are updates installed?\""
keys Enter
check "plan: the due date" wait_for "filled in: the next reassessment"
keys Enter
check "plan: the second added" wait_for "Action 2 added: reach monthly by"
keys p
check "plan: the plan screen" wait_for "itmaturity · Plan · plan"
check "plan: the first action's question" on_screen "1. How are backups made?"
check "plan: status, target, due date, owner" on_screen "open · reach automatic by 2030-01-31 · owner: Jan"
check "plan: an action without an owner" on_screen "· no owner"
check "plan: the plan's keys on the status line" on_screen "o owner"
keys o
check "plan: the owner prompt, filled in" wait_for "Owner of action 1"
keys C-u
text "IT partner"
keys Enter
check "plan: the owner changed" wait_for "owner: IT partner"
keys d
check "plan: the due date prompt" wait_for "Due date of action 1"
keys C-u
text "2030-02-30"
keys Enter
check "plan: a date that is not one is refused" wait_for "Not changed"
keys d C-u
text "2030-02-28"
keys Enter
check "plan: the due date changed" wait_for "reach automatic by 2030-02-28 · owner: IT partner"
keys j x
check "plan: the reason prompt" wait_for "Why drop action 2?"
text "not this year"
keys Enter
check "plan: dropped, with its reason" wait_for "dropped: not this year"
keys m
check "plan: a dropped action is not marked done" wait_for "Action 2 is dropped already."
keys Escape
check "plan: Esc goes back to the results" wait_for "Next steps"
keys s
check "plan: the start screen" wait_for "Reassess: the plan-test again"
keys p
check "plan: the plan screen from the start screen" wait_for "itmaturity · Plan · plan"
keys Escape
check "plan: and back" wait_for "Reassess: the plan-test again"
keys Down Enter Enter
check "plan: the reassessment's first question" wait_for "How are backups made?"
check "plan: Last time" on_screen "Last time ($TODAY): manual (1)"
check "plan: the open action under it" on_screen "Planned: reach automatic by 2030-02-28 — owner: IT partner"
keys 2
check "plan: the second question" wait_for "Are updates installed?"
check "plan: no Planned line for a dropped action" eval '! on_screen "Planned:"'
keys 0
check "plan: the review page again" wait_for "Before you complete"
keys c
check "plan: the results say what the answers verified" wait_for "Plan, verified by these answers: How are backups made?"
check "plan: and what is still open" on_screen "Plan: 0 actions still open, 0 overdue"
keys p
check "plan: verified on the plan screen" wait_for "done (verified by the assessment of $TODAY)"
keys q
check "plan: quits" exited_with 0
check "plan: no sanitizer report" wiz_clean_stderr
wiz_stop
run "$ITM" --db "$WDB" plan --all --format json
check "plan: stored as the wizard showed it" jq -e '.actions as $a | ($a | length) == 2 and
	$a[0].status == "done" and $a[0].verified_by != null and $a[0].owner == "IT partner" and $a[0].due == "2030-02-28" and
	$a[1].status == "dropped" and $a[1].reason == "not this year" and $a[1].owner == ""' "$WORK/out"

# ---- a long plan scrolls with its highlight, at 80x24 ---------------------
# Twelve questions, each answered "no" and added to the plan from the
# command line: more actions than the screen holds.
WDB="$WORK/wizard-many.db"
{
	printf 'id: plan-many\ntitle: Many\nversion: "1"\nlanguage: en\ndescription: Many actions.\n'
	printf 'scale:\n  - {value: 0, name: None, meaning: Nothing.}\n  - {value: 1, name: All, meaning: All.}\n'
	printf 'domains:\n  - id: d\n    title: D\n    description: D.\n    questions:\n'
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
		printf '      - id: q%s\n        text: Question number %s?\n        help: H.\n        options:\n' "$i" "$i"
		printf '          - {key: "no", value: 0, description: No., next_step: Do it.}\n'
		printf '          - {key: "yes", value: 1, description: Yes.}\n'
	done
} >"$WORK/wizard-many.yaml"
"$ITM" --db "$WDB" assess --template --questionnaire "$WORK/wizard-many.yaml" | sed 's/^  \(d\.q[0-9]*\):$/  \1: "no"/' >"$WORK/wizard-many-answers.yaml"
run "$ITM" --db "$WDB" assess --questionnaire "$WORK/wizard-many.yaml" --answers "$WORK/wizard-many-answers.yaml" --org Many
run "$ITM" --db "$WDB" plan add --top 12 --org Many
check "many: twelve actions added" out_has "Added 12 actions"
wiz_start -- assess --org Many
check "many: the start screen" wait_for "History: 1 complete assessment"
keys p
check "many: the plan screen" wait_for "12 actions"
check "many: more below" wait_for "↓ more below"
check "many: the last one not yet shown" eval '! on_screen "12. Question number 12?"'
keys j j j j j j j j j j j
check "many: scrolled to the last one, highlighted" wait_for "▸  12. Question number 12?"
check "many: the first one scrolled away" eval '! on_screen "1. Question number 1?"'
check "many: nothing below the last" eval '! on_screen "more below"'
keys m
check "many: marked done by hand" wait_for "done (marked by hand)"
keys q
check "many: quits" exited_with 0
check "many: no sanitizer report" wiz_clean_stderr
wiz_stop
run "$ITM" --db "$WDB" plan --all --format json
check "many: the last action done by hand" jq -e '.actions[11].status == "done" and .actions[11].by_hand' "$WORK/out"
rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/itm-e2e-$$"
