# hostile_lib.sh - checks on what the outputs make of hostile text, shared by
# t_hostile_output.sh and t_hostile_property.sh (sourced; not a test file).

# safe FILE: valid UTF-8, and no control byte but newline: no C0 (tab and
# CR included), DEL, NUL, or C1 written as UTF-8.
safe() {
	iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 &&
		! LC_ALL=C grep -aq "$(printf '[\001-\011\013-\037\177]')" "$1" &&
		! LC_ALL=C grep -aq "$(printf '\302[\200-\237]')" "$1" &&
		[ "$(tr -d '\000' <"$1" | wc -c)" -eq "$(wc -c <"$1")" ]
}
# cols FILE: the widest line in display columns (wc -L counts them).
cols() { LC_ALL=C.UTF-8 wc -L <"$1"; }
within() { [ "$(cols "$2")" -le "$1" ]; }
# same_widths FILE: every line of FILE as wide as every other.
same_widths() {
	[ "$(while IFS= read -r l; do printf '%s\n' "$l" | LC_ALL=C.UTF-8 wc -L; done <"$1" | sort -u | wc -l)" -eq 1 ]
}
# no_c0 FILE: no C0 control byte but newline, no DEL: JSON escapes them
# (and keeps the data as it is, bytes that are not UTF-8 and C1 included).
no_c0() { ! LC_ALL=C grep -aq "$(printf '[\001-\011\013-\037\177]')" "$1"; }
# md_inert FILE: Markdown that takes no markup from a name: outside the
# code block every <, >, [, ], ` is escaped, and the table rows keep their
# three pipes.
md_inert() {
	awk '/^```/ { code = !code; next }
		code { next }
		{ l = $0; gsub(/\\\\/, "", l); gsub(/\\[][<>`|*_#]/, "", l)
		  if (l ~ /[][<>`]/ || gsub(/\|/, "", l) != (/^\|/ ? 3 : 0)) bad = 1 }
		END { exit bad }' "$1"
}
# hostile [json] NAME ARGS...: runs the command; its output (json: its JSON,
# parsed by jq) and messages are safe.
hostile() {
	json=""
	[ "$1" = json ] && json=1 && shift
	name=$1
	shift
	run "$ITM" "$@"
	check "$name: exit status 0" status_is 0
	if [ -n "$json" ]; then
		check "$name: parses" jq -e . "$WORK/out" >/dev/null
		check "$name: no control character" no_c0 "$WORK/out"
	else
		check "$name: output safe" safe "$WORK/out"
	fi
	check "$name: messages safe" safe "$WORK/err"
	check "$name: no sanitizer report" no_sanitizer_report
}
