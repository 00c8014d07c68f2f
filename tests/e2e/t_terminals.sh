# t_terminals.sh - the wizard in the terminals a user may SSH into: the
# quick scan run through to its results under tmux in a C locale on a vt100
# and on the Linux console, in a UTF-8 locale on screen-256color, and with
# NO_COLOR. Each run's screens are captured at the same points and checked:
# ASCII only without UTF-8 (no bytes the terminal would misread), no '?'
# standing in for a symbol or a letter, frames drawn with the terminal's
# line characters, the same words as the UTF-8 screens (accents
# transliterated), colours only where the terminal has them and NO_COLOR
# is not set, and a legible "terminal too small" screen.
cd "$ROOT" || exit 1   # ./questionnaires: the bundled ones

if ! command -v tmux >/dev/null 2>&1; then
	check "tmux is installed (needed for the terminal tests)" false
	return 0 2>/dev/null || exit 1
fi
term_terminfo() { infocmp "$1" >/dev/null 2>&1; }
for t in vt100 linux screen-256color xterm-256color; do
	check "terminfo has $t (package ncurses-base)" term_terminfo "$t"
done

TESC=$(printf '\033')

# term_cap FILE, term_wait TEXT: lib.sh's, on this run's server.
term_cap() { tmux_cap "$TT" "$1"; }
term_wait() { tmux_wait "$TT" "$1" "$WORK/t"; }

# term_keep NAME: keeps the settled screen as $WORK/term-$RUN-NAME.
term_keep() {
	cp "$WORK/t.b" "$WORK/term-$RUN-$1"
	cp "$WORK/t.b.e" "$WORK/term-$RUN-$1.e"
}

# term_answer_all: to the results (lib.sh), keeping the review page.
term_answer_all() { tmux_answer_all "$TT" "$WORK/t" "Overall: level" "Before you complete" term_keep; }

# term_steps: from the start screen to the results, keeping the start,
# intro, list, question, review and results screens; then the too-small
# screen, the export (its file name offered in the prompt, transliterated
# without UTF-8, taken as it is) and q. Stops at the first that fails.
term_steps() {
	term_wait "Start a new assessment" && term_keep start &&
		$TT send-keys -t t Enter && term_wait "to start this domain" && term_keep intro &&
		$TT send-keys -t t g && term_wait "Go to a domain" && term_keep list &&
		$TT send-keys -t t Escape && term_wait "to start this domain" &&
		$TT send-keys -t t Enter && term_wait "question 1 of" && term_keep question &&
		term_answer_all && term_wait "Overall: level" && term_keep results &&
		$TT resize-window -t t -x 50 -y 12 && term_wait "Terminal too small" && term_keep small &&
		$TT resize-window -t t -x 80 -y 24 && term_wait "Overall: level" &&
		$TT send-keys -t t e && term_wait "Export the report to" && term_keep export &&
		$TT send-keys -t t Enter && term_wait "Report written to" &&
		$TT send-keys -t t q && term_wait "itm-exit=0"
}

# term_run RUN VAR=VALUE...: the quick scan in a new 80x24 pane, in a
# folder of its own (the export goes there), the organisation named with
# accents, run through term_steps.
term_run() {
	RUN=$1
	shift
	envs=""
	for e in "$@"; do envs="$envs '$e'"; done
	mkdir -p "$WORK/exp-$RUN"
	ln -s "$ROOT/questionnaires" "$WORK/exp-$RUN/questionnaires"
	cat >"$WORK/term.sh" <<EOF
cd "$WORK/exp-$RUN" || exit 1
env $envs "$ITM" --db "$WORK/term-$RUN.db" assess --org "Café Müller" --respondent "Zoë" --role owner --questionnaire quick-scan 2>"$WORK/term-$RUN.err"
echo "itm-exit=\$?"
exec sleep 600
EOF
	# A server of its own: none is still going away when it starts.
	TT="tmux -L itm-term-$$-$RUN -f /dev/null"
	$TT new-session -d -s t -x 80 -y 24 "sh $WORK/term.sh"
	term_steps || echo "  ($RUN: stopped there)"
	$TT kill-server 2>/dev/null
}

SCREENS="start intro question list review results small"

# The words (letters, digits) of the first N lines of a screen's capture
# with attributes: line characters (in the alternate character set) and
# escapes left out, accents transliterated.
term_words() {
	perl -0pe 's/\x0e[^\x0f]*\x0f/" " . "\n" x ($& =~ tr{\n}{})/ge; s/\e\[[0-9;]*m//g' "$1" | head -"$2" |
		LC_ALL=C.UTF-8 iconv -f UTF-8 -t ASCII//TRANSLIT | tr -cs 'A-Za-z0-9' '\n'
}
# Every screen of RUN was kept.
term_complete() {
	for s in $SCREENS; do [ -s "$WORK/term-$1-$s" ] || { echo "  (no $s screen)"; return 1; }; done
}
# RUN's screens have the words of the reference's, but for the key line,
# which names the keys the terminal has (and on the question page only its
# first lines, above the options, which a wider radio mark wraps otherwise).
term_same_words() {
	for s in $SCREENS; do
		n=23
		[ "$s" = question ] && n=5
		term_words "$WORK/term-$1-$s.e" $n >"$WORK/t.w1"
		term_words "$WORK/term-utf8-$s.e" $n >"$WORK/t.w2"
		if ! cmp -s "$WORK/t.w1" "$WORK/t.w2"; then
			echo "  ($s screen differs from the UTF-8 one:)"
			diff "$WORK/t.w2" "$WORK/t.w1" | head -10 | sed 's/^/  | /'
			return 1
		fi
	done
}
# Only ASCII in every screen of RUN.
term_ascii() {
	for s in $SCREENS; do
		! LC_ALL=C grep -q '[^ -~]' "$WORK/term-$1-$s" || { echo "  (not ASCII: $s)"; return 1; }
	done
}
# No '?' inside a word ("Caf?", "??") or standing alone between words.
term_no_stand_ins() {
	for s in $SCREENS; do
		! grep -Eq '[^[:space:]]\?[^[:space:]/]|[[:alnum:]] \? [[:alnum:]]' "$WORK/term-$1-$s" ||
			{ echo "  ('?' standing in on the $s screen)"; return 1; }
	done
}
# The list's frame in line characters: in the alternate character set
# (SO ... SI) where the terminal has no UTF-8, box-drawing characters
# otherwise.
term_acs_frame() {
	grep -q "$(printf '\016')lq" "$WORK/term-$1-list.e"
}
term_utf8_frame() {
	grep -q '┌' "$WORK/term-$1-list" && grep -q '┘' "$WORK/term-$1-list"
}
# Colour escapes (a foreground or background colour, 8 or 256) in RUN's
# screens, and reverse video (the highlight without colours).
term_colours() {
	cat "$WORK"/term-"$1"-*.e | grep -Eq "$TESC\[([0-9]+;)*(3[0-7]|4[0-7]|38;5;[0-9]+|48;5;[0-9]+)(;[0-9]+)*m"
}
term_plain() { ! term_colours "$1"; }
term_reverse() {
	grep -Eq "$TESC\[([0-9]+;)*7(;[0-9]+)*m" "$WORK/term-$1-question.e"
}
# The too-small screen: says so, with its numbers, its heading set off.
term_small() {
	grep -q "This terminal is 50" "$WORK/term-$1-small" &&
		grep -Eq "$TESC\[[0-9;]*m[^$TESC]*Terminal too small" "$WORK/term-$1-small.e"
}
# The exit status was 0 and nothing went to standard error.
term_clean() {
	! grep -q -e 'Sanitizer' -e 'runtime error' -e '==[0-9]*==' "$WORK/term-$1.err"
}

term_run utf8 -u LC_ALL LANG=C.UTF-8 TERM=screen-256color
term_run vt100 LC_ALL=C TERM=vt100
term_run linux LC_ALL=C TERM=linux
term_run nocolor TERM=xterm-256color NO_COLOR=1

# The screen audit (screen_check.sh) on every screen of every run but the
# too-small one (captured at another size; term_small checks it).
. "$ROOT/tests/e2e/screen_check.sh"
term_audit() {
	for s in $SCREENS; do
		[ "$s" = small ] && continue
		screen_audit "$WORK/term-$1-$s" 80 24 || { echo "  (the $s screen)"; return 1; }
	done
}
for r in utf8 vt100 linux nocolor; do
	check "$r: the quick scan runs through to its results" term_complete $r
	check "$r: the screen audit passes on every screen" term_audit $r
	check "$r: no '?' stands in for a symbol" term_no_stand_ins $r
	check "$r: the too-small screen is legible" term_small $r
	check "$r: no sanitizer report" term_clean $r
done
term_exported() { ls "$WORK/exp-$1" | grep -q '^itmaturity-café-müller-.*\.txt$'; }
check "utf8: the export's file name offered as it is" grep -q 'itmaturity-café-müller-' "$WORK/term-utf8-export"
for r in utf8 vt100 linux nocolor; do
	check "$r: the export keeps the name's accents in its file name" term_exported $r
done
check "vt100: the export's file name offered transliterated" grep -q 'itmaturity-cafe-muller-' "$WORK/term-vt100-export"
check "utf8: the symbols of a UTF-8 terminal" grep -q '▸● 0\|▸○ 0' "$WORK/term-utf8-question"
check "utf8: the organisation as it is" grep -q 'Café Müller' "$WORK/term-utf8-start"
check "utf8: frames of box-drawing characters" term_utf8_frame utf8
check "utf8: colours on screen-256color" term_colours utf8
for r in vt100 linux; do
	check "$r: ASCII only" term_ascii $r
	check "$r: the organisation transliterated" grep -q 'Cafe Muller' "$WORK/term-$r-start"
	check "$r: the same words as the UTF-8 screens" term_same_words $r
	check "$r: the ASCII symbols" grep -q '>( ) 0' "$WORK/term-$r-question"
	check "$r: frames in the terminal's line characters" term_acs_frame $r
done
check "vt100: the key line names the keys a vt100 has" grep -q ' Right next  Left back ' "$WORK/term-vt100-intro"
check "linux: the key line names the keys the console has" grep -q ' Right/PgDn next  Left/PgUp back ' "$WORK/term-linux-intro"
check "vt100: no colours" term_plain vt100
check "vt100: the highlight in reverse video" term_reverse vt100
check "linux: colours on the Linux console" term_colours linux
check "nocolor: the same screens as the UTF-8 run" term_same_words nocolor
check "nocolor: no colours with NO_COLOR" term_plain nocolor
check "nocolor: the highlight in reverse video" term_reverse nocolor

# ---- reports: in ASCII to a terminal without UTF-8, UTF-8 elsewhere ------
cat >"$WORK/term.sh" <<EOF2
env LC_ALL=C TERM=vt100 "$ITM" --db "$WORK/term-vt100.db" report 1
env LC_ALL=C TERM=vt100 "$ITM" --db "$WORK/term-vt100.db" report -o "$WORK/term-report.txt" 1
echo "itm-exit=\$?"
exec sleep 600
EOF2
TT="tmux -L itm-term-$$-report -f /dev/null"
$TT new-session -d -s t -x 100 -y 24 "sh $WORK/term.sh"
term_wait "itm-exit="
$TT capture-pane -p -S - -t t | sed '/^itm-exit=/,$d' >"$WORK/term-report-tty"
$TT kill-server 2>/dev/null
run env LC_ALL=C "$ITM" --db "$WORK/term-vt100.db" report 1
term_report_words() {
	LC_ALL=C.UTF-8 iconv -f UTF-8 -t ASCII//TRANSLIT <"$1" | tr -cs 'A-Za-z0-9' '\n' | grep . >"$WORK/t.r1"
	tr -cs 'A-Za-z0-9' '\n' <"$WORK/term-report-tty" | grep . >"$WORK/t.r2"
	cmp -s "$WORK/t.r1" "$WORK/t.r2" || { diff "$WORK/t.r1" "$WORK/t.r2" | head -5; false; }
}
term_plain_ascii() { [ -s "$1" ] && ! LC_ALL=C grep -q '[^ -~]' "$1"; }
check "report to a C-locale terminal: ASCII only" term_plain_ascii "$WORK/term-report-tty"
check "report to a C-locale terminal: the name transliterated" grep -q 'Cafe Muller' "$WORK/term-report-tty"
check "report to a pipe in a C locale: UTF-8" out_has 'Café Müller'
check "report to a C-locale terminal: the words of the UTF-8 report" term_report_words "$WORK/out"
check "report -o in a C locale: UTF-8" grep -q 'Café Müller' "$WORK/term-report.txt"

# ---- the screens write no symbol of their own: every one is in the table --
term_sources_ascii() {
	awk '/^} symbols\[US_COUNT\] = \{/ { t = 1; next } t && /^};/ { t = 0; next }
	     !t && /[^\001-\177]/ { print FILENAME ":" FNR ": " $0; bad = 1 } END { exit bad }' \
		"$ROOT"/src/ui*.c
}
check "src/ui*.c hold no character beyond ASCII outside the symbol table" term_sources_ascii
