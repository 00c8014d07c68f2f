# t_screens.sh - the screen audit: every screen and overlay of the wizard
# at 80x24, 100x30 and 200x50, with the bundled questionnaires and one of
# long texts (tests/fixtures/screens/long-texts.yaml), each capture checked
# by screen_audit (screen_check.sh, which states the convention). The
# captures of the full assessment at 80x24 are kept as golden screens in
# tests/golden/screens/ (dates as YYYY-MM-DD); after a change of layout, or
# of the bundled texts, regenerate them with
#   UPDATE_GOLDEN=1 ITM=$PWD/build/san/itmaturity sh /tmp/run1.sh $PWD t_screens.sh
# (or the same variable with 'make e2e') and review the diff.
#
# Then the listings (list, orgs list, trend: 80 columns when not a
# terminal, every cell whole with --wide, widths in display columns) and
# the text report's long domain titles.
#
# Under valgrind ($ITM_BIN set: make valgrind) only the long-text
# questionnaire at 80x24 is driven (every screen still, once), and the
# trend of 45 assessments is left out.
cd "$ROOT" || exit 1   # ./questionnaires: the bundled ones
. "$ROOT/tests/e2e/screen_check.sh"

if ! command -v tmux >/dev/null 2>&1; then
	check "tmux is installed (needed for the screen audit)" false
	return 0 2>/dev/null || exit 1
fi

ST="tmux -L itm-screens-$$ -f /dev/null"
SDB="$WORK/screens.db"
STRACE="$WORK/screens.trace"
SHOTS="$WORK/screens"
TODAY=$(date +%F)
LONGQN="$ROOT/tests/fixtures/screens/long-texts.yaml"
# 100 characters (the most a name may hold), 120 columns: twenty of them
# are wide (CJK).
LONGORG="Vereniging voor gemeenschappelijke IT-diensten van kleine bedrijven 東京中央情報技術株式会社と大阪北部情報技術株式会社東京"
mkdir -p "$SHOTS"
# Polls of 20 ms before a wait gives up: 10 s, a minute under valgrind.
SPOLLS=500
[ -n "${ITM_BIN:-}" ] && SPOLLS=3000

# s_start COLS ROWS ARGS...: the wizard in a new session of that size.
s_start() {
	cols=$1 rows=$2
	shift 2
	args=""
	for a in "$@"; do args="$args '$a'"; done
	: >"$STRACE"
	n=0
	until $ST new-session -d -s s -x "$cols" -y "$rows" \
		"ITMATURITY_TRACE='$STRACE' '$ITM' --db '$SDB' $args 2>'$WORK/screens.err'; echo itm-exit=\$? >'$WORK/screens.status'; exec sleep 600" \
		2>/dev/null || [ $n -ge 20 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	s_wait_frames 1
}

s_stop() { tmux_stop "$ST"; }

s_frames() {
	fn=$(grep -c ' frame ' "$STRACE" 2>/dev/null)
	echo "${fn:-0}"
}

# s_wait_frames N: until N frames have been drawn (false after SPOLLS),
# then until the pane is still (tmux has shown the last one).
s_wait_frames() {
	i=0
	while [ "$(s_frames)" -lt "$1" ]; do
		[ $i -ge $SPOLLS ] && return 1
		sleep 0.02
		i=$((i + 1))
	done
	$ST capture-pane -p -t s >"$WORK/s.a" 2>/dev/null
	i=0
	while [ $i -lt 100 ]; do
		sleep 0.02
		$ST capture-pane -p -t s >"$WORK/s.b" 2>/dev/null
		cmp -s "$WORK/s.a" "$WORK/s.b" && break
		mv "$WORK/s.b" "$WORK/s.a"
		i=$((i + 1))
	done
}

# s_keys KEY...: the keys sent at once, and a frame each awaited (Escape
# goes alone: what follows it at once would make an Alt- key of it).
s_keys() {
	f=$(s_frames)
	$ST send-keys -t s "$@"
	s_wait_frames $((f + $#))
}
s_text() {
	f=$(s_frames)
	$ST send-keys -t s -l "$1"
	s_wait_frames $((f + 1))
}

# shot NAME: captures the screen as $SHOTS/$TAG-NAME.txt and audits it.
shot() {
	SHOT="$SHOTS/$TAG-$1.txt"
	cp "$WORK/s.a" "$SHOT"
	SEEN="$SEEN $1"
	if ! screen_audit "$SHOT" "$cols" "$rows" >"$WORK/audit.out"; then
		check "$TAG $1: the screen keeps the convention" false
		cat "$WORK/audit.out"
		sed 's/^/  | /' "$SHOT"
	else
		pass
	fi
}
on_shot() { grep -qF -- "$1" "$SHOT"; }
# on_shot_text TEXT: TEXT shows, maybe wrapped over lines (and frames).
on_shot_text() { sed 's/│//g' "$SHOT" | tr -s ' \n' '  ' | grep -qF -- "$1"; }
# in_box TEXT: TEXT shows inside an overlay's frame, maybe wrapped.
in_box() { grep '│' "$SHOT" | sed 's/^[^│]*│//; s/│.*$//' | tr -s ' \n' '  ' | grep -qF -- "$1"; }
# s_wait_text TEXT: until TEXT shows (false after SPOLLS).
s_wait_text() {
	i=0
	until grep -qF -- "$1" "$WORK/s.a"; do
		[ $i -ge $SPOLLS ] && return 1
		sleep 0.02
		$ST capture-pane -p -t s >"$WORK/s.a" 2>/dev/null
		i=$((i + 1))
	done
	s_wait_frames 0
}

# answer_all KEY...: answers every page with the keys until the review
# page is drawn (the trace names each frame's screen), waiting for each
# key's frame but not for tmux; false when a key draws nothing.
answer_all() {
	n=0
	while [ "$(grep ' frame ' "$STRACE" | tail -1 | cut -d' ' -f3)" != review ] && [ $n -lt 400 ]; do
		f=$(s_frames)
		$ST send-keys -t s "$@"
		i=0
		while [ "$(s_frames)" -lt $((f + $#)) ]; do
			[ $i -ge $SPOLLS ] && return 1
			sleep 0.01
			i=$((i + 1))
		done
		n=$((n + 1))
	done
	s_wait_frames 0
}

# audit_run COLS ROWS QN: one pass over every screen; QN is an id or file.
# The organisation is added, or chosen again when an earlier pass added it.
audit_run() {
	TAG="$1x$2-$(basename "$3" .yaml)" SEEN=""
	t0=$(date +%s)
	s_start "$1" "$2" assess --questionnaire "$3" --respondent "Zoë Janssens-Vandenberghe" --role owner
	shot start
	cp "$SHOT" "$WORK/before"
	s_keys F1
	shot help
	check "$TAG help: every key" on_shot "Every key of the wizard"
	s_keys Escape
	check "$TAG help leaves nothing behind" screen_same "$WORK/before" "$WORK/s.a"
	# The pickers and prompts, each closed again.
	s_keys Up Up Up Up Enter
	shot pick-org
	s_keys End Enter
	shot prompt-org
	s_text "$LONGORG"
	s_keys Enter
	# A new organisation's size is asked (the first run of a size adds it).
	if grep -qF "Size of the organisation" "$WORK/s.a"; then
		shot pick-size
		s_keys Enter
	fi
	shot start-org
	check "$TAG the organisation is chosen" on_shot "Organisation    Vereniging voor"
	s_keys Up Down   # the message gone
	cp "$WORK/s.a" "$WORK/before"
	s_keys Enter
	shot prompt-respondent
	s_keys Escape
	check "$TAG the prompt leaves nothing behind" screen_same "$WORK/before" "$WORK/s.a"
	s_keys Down Enter
	shot pick-role
	s_keys End Enter
	shot prompt-role
	s_keys Escape
	s_keys Down
	cp "$WORK/s.a" "$WORK/before"
	s_keys Enter
	shot pick-questionnaire
	s_keys Escape
	check "$TAG the list leaves nothing behind" screen_same "$WORK/before" "$WORK/s.a"
	s_keys Down Enter
	shot intro
	check "$TAG intro: the counts stay on screen" on_shot "answered"
	if grep -qF "Governance, policies" "$SHOT" && [ "$2" -eq 24 ]; then
		check "$TAG intro: a long intro says there is more" screen_more "$SHOT"
		s_keys j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j
		shot intro-end
		check "$TAG intro: scrolled to its end" on_shot "Press Enter or → to start this domain."
		check "$TAG intro: no mark at the end" sh -c "! grep -qF 'more below' '$SHOT'"
	fi
	s_keys Enter
	shot question
	check "$TAG question: the count in the header" grep -q "question 1 of [0-9]" "$SHOT"
	s_keys '?'
	shot question-help
	if [ "$(basename "$3")" = long-texts.yaml ] && [ "$2" -lt 50 ]; then
		check "$TAG question with help: options below are marked" screen_more "$SHOT"
		s_keys j j j j j j j
		shot question-help-down
		check "$TAG question with help: the highlight in view" on_shot "▸"
		s_keys k k k k k k k
	fi
	s_keys '?'
	cp "$WORK/s.a" "$WORK/before"
	s_keys g
	shot pick-domain
	s_keys Escape
	check "$TAG the domain list leaves nothing behind" screen_same "$WORK/before" "$WORK/s.a"
	s_keys n
	shot note-refused
	# The first choice but one everywhere, so that a lower answer exists.
	check "$TAG answered to the review page" answer_all Down Enter
	shot review
	s_keys c
	shot results
	check "$TAG results: the first with this questionnaire, whatever came before" \
		on_shot_text "with this questionnaire: nothing to compare with yet"
	# The plan: the roadmap's first step added with the defaults, the plan
	# screen and its prompts, each closed again.
	s_keys a
	shot pick-plan-step
	s_keys Enter
	shot prompt-plan-owner
	s_keys Enter
	shot prompt-plan-due
	s_keys Enter
	shot results-planned
	check "$TAG results: the action added" grep -q "Action [0-9]* added: reach" "$SHOT"
	s_keys p
	shot plan
	check "$TAG plan: the action, open" on_shot_text "open · reach"
	cp "$WORK/s.a" "$WORK/before"
	s_keys o
	shot prompt-plan-edit-owner
	s_keys Escape
	s_keys d
	shot prompt-plan-edit-due
	s_keys Escape
	s_keys x
	shot prompt-plan-drop
	s_keys Escape
	check "$TAG the plan's prompts leave nothing behind" screen_same "$WORK/before" "$WORK/s.a"
	s_keys Escape
	s_keys e
	shot prompt-export
	s_keys Escape
	# A reassessment, lower on the first question: the reason prompt.
	s_keys s
	shot start-reassess
	check "$TAG start: the reassess row" on_shot "Reassess: the"
	s_keys Down Enter Enter Up Enter
	shot prompt-reason
	check "$TAG the reason prompt shows its whole text" in_box "Why? The reason is kept as the note."
	s_text "the person who did this left the company"
	s_keys Enter r c
	shot results-again
	check "$TAG results: the delta since last time" grep -q "Since $TODAY: [0-9]*% → [0-9]*% ([+-][0-9]* points)" "$SHOT"
	check "$TAG results: which assessment compared with" on_shot_text "the last complete one with this questionnaire"
	s_keys j j j j j j j j j j j j
	shot results-scrolled
	s_keys h
	shot history
	s_keys c
	shot compare
	cp "$WORK/s.a" "$WORK/before"
	$ST resize-window -t s -x 40 -y 10
	s_wait_text "Terminal too small"
	c0=$cols r0=$rows
	cols=40 rows=10
	shot too-small
	cols=$c0 rows=$r0
	$ST resize-window -t s -x "$cols" -y "$rows"
	s_wait_text "  A: "
	check "$TAG back from too small: the same screen" screen_same "$WORK/before" "$WORK/s.a"
	rm -f "$WORK/screens.status"
	$ST send-keys -t s q
	i=0
	while [ ! -s "$WORK/screens.status" ] && [ $i -lt $SPOLLS ]; do
		sleep 0.02
		i=$((i + 1))
	done
	check "$TAG q quits with status 0" grep -qx "itm-exit=0" "$WORK/screens.status"
	check "$TAG no sanitizer report" sh -c "! grep -q -e Sanitizer -e 'runtime error' '$WORK/screens.err'"
	s_stop
	echo "  $TAG: $(($(date +%s) - t0)) s"
}

# ---- the audit -------------------------------------------------------------
if [ -n "${ITM_BIN:-}" ]; then
	rm -f "$SDB"
	audit_run 80 24 "$LONGQN"
else
	# SCREENS_SIZES, SCREENS_QNS: fewer, while working on a screen (an
	# empty SCREENS_SIZES: none).
	# The full assessment at 80x24 only: at the larger sizes its screens
	# are the quick scan's, longer.
	# One database a size: the quick scan after the full assessment, of
	# the same organisation, must not be compared with it.
	for size in ${SCREENS_SIZES-80x24 100x30 200x50}; do
		rm -f "$SDB"
		for qn in ${SCREENS_QNS:-sme-it-maturity quick-scan $LONGQN}; do
			[ -z "${SCREENS_QNS:-}" ] && [ "$qn" = sme-it-maturity ] && [ "$size" != 80x24 ] && continue
			audit_run "${size%x*}" "${size#*x}" "$qn"
		done
	done
fi
rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/itm-screens-$$"
# SCREENS_OUT=DIR keeps every capture there, to look at.
[ -n "${SCREENS_OUT:-}" ] && mkdir -p "$SCREENS_OUT" && cp "$SHOTS"/*.txt "$SCREENS_OUT"/

# ---- golden screens: the full assessment at 80x24 ---------------------------
GOLD="$ROOT/tests/golden/screens"
if [ -z "${ITM_BIN:-}" ] && [ -e "$SHOTS/80x24-sme-it-maturity-start.txt" ]; then
	for g in "$GOLD"/*.txt; do
		check "golden screen ${g##*/} is still captured" [ -e "$SHOTS/80x24-sme-it-maturity-${g##*/}" ]
	done
	for f in "$SHOTS"/80x24-sme-it-maturity-*.txt; do
		name=${f##*/80x24-sme-it-maturity-}
		sed "s/$TODAY/YYYY-MM-DD/g" "$f" >"$WORK/golden"
		if [ -n "${UPDATE_GOLDEN:-}" ]; then
			mkdir -p "$GOLD"
			cp "$WORK/golden" "$GOLD/$name"
		fi
		check "golden screen $name" cmp -s "$WORK/golden" "$GOLD/$name"
	done
fi

# ---- the listings: 80 columns when not a terminal, whole with --wide ------
LDB="$WORK/listings.db"
run "$ITM" --db "$LDB" assess --template --questionnaire quick-scan
cp "$WORK/out" "$WORK/template.yaml"
run "$ITM" --db "$LDB" assess --answers "$WORK/template.yaml" --org "$LONGORG" --respondent "Maria Anna Schmidt-Oberholzer" --role "office manager"
run "$ITM" --db "$LDB" assess --answers "$WORK/template.yaml" --org "東京中央情報技術株式会社" --respondent "田中太郎" --role owner
widest() { perl -CSD -ne 'chomp; my $w = 0; for (split //) { $w += /[\p{Ea=W}\p{Ea=F}]/ ? 2 : 1 } $m = $w if $w > $m; END { print $m + 0, "\n" }' "$WORK/out"; }
run "$ITM" --db "$LDB" list
check "list: 80 columns when not a terminal" [ "$(widest)" -le 80 ]
check "list: a cut cell ends in an ellipsis" out_has "…"
check "list: the CJK row as wide as the others" [ "$(perl -CSD -ne 'chomp; my $w = 0; for (split //) { $w += /[\p{Ea=W}\p{Ea=F}]/ ? 2 : 1 } print "$w\n"' "$WORK/out" | sort -u | wc -l)" -eq 1 ]
run "$ITM" --db "$LDB" list --wide
check "list --wide: every cell whole" out_has "$LONGORG  Maria Anna Schmidt-Oberholzer  office manager  quick-scan 1.1"
run "$ITM" --db "$LDB" list --format json
check "list JSON: every field" jq -e 'all(.[]; has("questionnaire_hash") and has("updated") and has("uuid"))' "$WORK/out"
check "list JSON: names whole" jq -e --arg o "$LONGORG" 'any(.[]; .organisation == $o)' "$WORK/out"
run "$ITM" --db "$LDB" orgs target "$LONGORG" roles 3
run "$ITM" --db "$LDB" orgs target "$LONGORG" security 2
run "$ITM" --db "$LDB" orgs list
check "orgs list: 80 columns when not a terminal" [ "$(widest)" -le 80 ]
check "orgs list: the name cut with an ellipsis" out_has "…"
run "$ITM" --db "$LDB" orgs list --wide
check "orgs list --wide: the name and the targets whole" out_has "$LONGORG small   3 months roles=3 security=2"
# Forty-five assessments of a questionnaire with a long id: the trend's
# sparklines show the newest that fit in 80 columns, all of them with --wide
# (the quick scan's, unscored, is a blank at the end).
# Not under valgrind: 45 runs would take minutes.
if [ -z "${ITM_BIN:-}" ]; then
	sed 's/^id: long-texts$/id: long-texts-with-a-long-identifier/' "$LONGQN" >"$WORK/long-id.yaml"
	run "$ITM" --db "$LDB" assess --template --questionnaire "$WORK/long-id.yaml"
	sed 's/^  governance.q1:.*/  governance.q1: option-2/; s/^  short.one:.*/  short.one: "no"/' "$WORK/out" >"$WORK/long-id-answers.yaml"
	i=0
	while [ $i -lt 45 ]; do
		"$ITM" --db "$LDB" assess --questionnaire "$WORK/long-id.yaml" --answers "$WORK/long-id-answers.yaml" \
			--org "東京中央情報技術株式会社" --date "2020-01-$(printf %02d $((i % 28 + 1)))" >/dev/null 2>&1
		i=$((i + 1))
	done
	run "$ITM" --db "$LDB" trend --org "東京中央情報技術株式会社"
	check "trend: 80 columns when not a terminal" [ "$(widest)" -le 80 ]
	check "trend: a long questionnaire id whole within 80 columns" out_has "long-texts-with-a-long-identifier 1.0"
	run "$ITM" --db "$LDB" trend --wide --org "東京中央情報技術株式会社"
	check "trend --wide: a sparkline point for each of the 45 scored assessments" grep -q "^  overall .* [-_.:=+*#]\{45\} \{0,1\}$" "$WORK/out"
fi

# ---- the text report: a domain title too wide for its column, whole -------
RDB="$WORK/report.db"
run "$ITM" --db "$RDB" assess --template --questionnaire "$LONGQN"
sed 's/^  governance.q1:.*/  governance.q1: option-2/; s/^  short.one:.*/  short.one: "no"/' "$WORK/out" >"$WORK/long-answers.yaml"
run "$ITM" --db "$RDB" assess --questionnaire "$LONGQN" --answers "$WORK/long-answers.yaml" --org "$LONGORG"
check "long-text answers stored" status_is 0
run "$ITM" --db "$RDB" report
check "report: a long domain title on a line of its own, whole" grep -qx "Governance, policies, compliance and the management of risks" "$WORK/out"
check "report: its bar below it" grep -q "^ \{27\}\[#*\.*|\.*\] *[0-9]* % " "$WORK/out"
check "report: no firefighting section without a reactive question" out_lacks "Firefighting"
check "report: 80 columns" [ "$(widest)" -le 80 ]
