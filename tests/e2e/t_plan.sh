# t_plan.sh - the action plan from the command line: actions added from the
# roadmap, a reassessment that verifies one and leaves one marked done by
# hand unconfirmed, overdue (plan --overdue exits 10, due says so), bad ids,
# questions, options and dates refused with exit 2 and nothing written, the
# Plan section of a report against golden files in every format, and
# bundles carrying the plan (idempotent on a second import).
export ITMATURITY_DB="$WORK/plan.db"
PQ="$ROOT/tests/fixtures/plan/plan.yaml"
O=Bakkerij

# assess_plan DATE BACKUPS UPDATES: a complete assessment of the plan fixture.
assess_plan() {
	printf 'questionnaire: plan-test\nanswers:\n  ops.backups: %s\n  ops.updates: %s\n' "$2" "$3" >"$WORK/p.yaml"
	run "$ITM" assess --answers "$WORK/p.yaml" --questionnaire "$PQ" --org "$O" --date "$1" \
		--respondent An --role owner
	check "assessment of $1 stored" status_is 0
}

run "$ITM" plan add ops.backups --org "$O"
check "plan add before any organisation exits 2" status_is 2
assess_plan 2026-01-15 manual never
run "$ITM" plan add ops.backups --org "$O" --today 2026-01-20 --due 2026-02-30
check "plan add: a bad date exits 2" status_is 2
check "plan add: the bad date named" err_has "due date '2026-02-30' is not a date"
run "$ITM" plan add --top 2 --org "$O" --today 2026-01-20
check "plan add --top 2" status_is 0
check "plan add --top 2: two actions" out_has '^Added 2 actions: 1, 2\.$'
run "$ITM" plan --org "$O" --format json --today 2026-01-20
check "the top two with their next steps and the default due date" jq -e '
	[.actions[] | {question, from, to, step, due, status}] == [
	 {"question": "ops.updates", "from": "never", "to": "monthly", "step": "Turn on automatic updates.",
	  "due": "2026-04-15", "status": "open"},
	 {"question": "ops.backups", "from": "manual", "to": "automatic", "step": "Automate it.",
	  "due": "2026-04-15", "status": "open"}]' "$WORK/out"
cp "$WORK/out" "$WORK/before.json"

# Refused, with exit 2 and nothing written.
for bad in "add ops.nothing --org $O" "add ops.backups --org $O" "add ops.updates --to sometimes --org $O" \
	"add ops.updates --to never --org $O" "done 99" "done x" "edit 1 --due 2026-1-1" "edit 1 --to weird" \
	"drop 1" "drop 1 --reason" "edit 1 --owner" "edit 1" "frobnicate 1" "add --top 0 --org $O" "done 1 --owner Jan"; do
	# shellcheck disable=SC2086
	run "$ITM" plan $bad --today 2026-01-20
	check "plan $bad exits 2" status_is 2
done
run "$ITM" plan add ops.nothing --org "$O"
check "an unknown question is named" err_has "no question 'ops.nothing' in questionnaire plan-test 1"
run "$ITM" plan add ops.updates --to sometimes --org "$O"
check "an unknown option is named" err_has "question 'ops.updates' has no option 'sometimes'"
run "$ITM" plan add ops.backups --org "$O" --today 2026-01-20
check "a second open action for a question is refused" err_has "has an open action already: 2"
run "$ITM" plan done 99
check "an unknown action is named" err_has "no action 99"
run "$ITM" plan --org "$O" --format json --today 2026-01-20
check "nothing written by the refused commands" cmp -s "$WORK/out" "$WORK/before.json"

run "$ITM" plan edit 1 --owner "Jan" --note "ask the IT partner"
check "plan edit" out_has '^Action 1 changed\.$'
run "$ITM" plan done 1 --today 2026-03-01
check "plan done" out_has '^Action 1 marked done\.$'
run "$ITM" plan done 1
check "done twice exits 2" status_is 2

# The reassessment: backups improved (verified), updates not (marked done
# by hand, not confirmed).
assess_plan 2026-04-10 automatic never
run "$ITM" plan --org "$O" --all --format json --today 2026-04-11
check "improved: done, verified by the reassessment" jq -e \
	'.actions[1] | .status == "done" and .verified_by == 2 and .closed_on == "2026-04-10" and (.by_hand | not)' \
	"$WORK/out"
check "not improved: done by hand, flagged" jq -e \
	'.actions[0] | .status == "done" and .verified_by == null and .by_hand and .unconfirmed' "$WORK/out"
run "$ITM" plan --org "$O" --today 2026-04-11
check "the flag in words" out_has "marked done, not confirmed by the answers"

# Overdue: derived from the due date; due today is not overdue.
run "$ITM" plan add ops.updates --org "$O" --to weekly --owner "IT partner" --due 2026-04-30 --today 2026-04-11
check "plan add with options" out_has '^Added action 3\.$'
run "$ITM" plan --overdue --org "$O" --today 2026-04-30
check "plan --overdue on the due date exits 0" status_is 0
check "plan --overdue on the due date lists nothing" out_lacks '#3'
run "$ITM" plan --overdue --org "$O" --today 2026-05-01
check "plan --overdue the day after exits 10" status_is 10
check "plan --overdue lists it" out_has "#3 ops.updates: never -> weekly: overdue since 2026-04-30"
run "$ITM" due --today 2026-05-01
check "due mentions the overdue action" out_has "1 action is overdue"
run "$ITM" plan drop 3 --reason "the partner does it" --today 2026-05-02
check "plan drop" out_has '^Action 3 dropped\.$'
run "$ITM" plan --overdue --org "$O" --today 2026-05-03
check "a dropped action is not overdue" status_is 0

# "not applicable" closes an open action as dropped.
run "$ITM" plan add ops.backups --org "$O" --today 2026-04-11
check "plan add after a verification" status_is 0
assess_plan 2026-07-10 na never
run "$ITM" plan --org "$O" --all --format json --today 2026-07-11
check "n/a: dropped with that reason" jq -e \
	'.actions[3] | .status == "dropped" and .reason == "answered \"not applicable\""' "$WORK/out"

# The Plan section of the reassessment's report, in every format.
for f in txt md csv json html; do
	fmt=$f
	[ "$f" = txt ] && fmt=text
	[ "$f" = md ] && fmt=markdown
	golden "plan-report-2.$f" "$ITM" report 2 --format "$fmt"
done
golden plan-list.txt "$ITM" plan --org "$O" --all --today 2026-07-11

# compare shows the actions agreed between the two, as of the later one.
golden plan-compare-1-2.txt "$ITM" compare 1 2
run "$ITM" compare 2 3 --format json
check "compare json: the actions agreed at 2, as of 3" jq -e \
	'[.plan.actions[] | {id, status}] == [{"id": 3, "status": "dropped"}, {"id": 4, "status": "dropped"}]' "$WORK/out"

# Bundles carry the plan: the same export from the imported database, the
# same derived statuses, and nothing added by a second import.
run "$ITM" export --org "$O" -o "$WORK/plan-bundle.json"
check "export with a plan" status_is 0
check "the bundle holds the four actions" jq -e '.actions | length == 4 and all(.[]; .organisation == "Bakkerij")' \
	"$WORK/plan-bundle.json"
run "$ITM" plan --org "$O" --all --format json --today 2026-07-11
jq '[.actions[] | del(.id, .verified_by)] | sort_by(.question, .to)' "$WORK/out" >"$WORK/plan-a.json"
export ITMATURITY_DB="$WORK/plan2.db"
run "$ITM" import "$WORK/plan-bundle.json"
check "import with a plan" out_has '^Actions of the plan: 4 added, 0 already present\.$'
run "$ITM" import "$WORK/plan-bundle.json"
check "a second import adds no action" out_has '^Actions of the plan: 0 added, 4 already present\.$'
run "$ITM" plan --org "$O" --all --format json --today 2026-07-11
jq '[.actions[] | del(.id, .verified_by)] | sort_by(.question, .to)' "$WORK/out" >"$WORK/plan-b.json"
check "the same plan after the round trip" cmp -s "$WORK/plan-a.json" "$WORK/plan-b.json"
check "verified by the imported reassessment" jq -e '[.actions[] | select(.verified_by != null)] | length == 1' \
	"$WORK/out"
run "$ITM" export --org "$O" -o "$WORK/plan-bundle2.json"
check "the same bundle exported again" cmp -s "$WORK/plan-bundle.json" "$WORK/plan-bundle2.json"
# A bundle whose action names an option its question lacks is refused whole.
jq '.actions[0].to = "sometimes"' "$WORK/plan-bundle.json" >"$WORK/bad-bundle.json"
export ITMATURITY_DB="$WORK/plan3.db"
run "$ITM" import "$WORK/bad-bundle.json"
check "a bad action: exit 2" status_is 2
check "a bad action: placed and named" err_has "bad-bundle.json:[0-9]*:[0-9]*: action 'ops\.[a-z]*': 'sometimes' is not one of its options"
run "$ITM" list
check "a bad action: nothing imported" out_lacks Bakkerij
