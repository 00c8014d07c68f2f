# lib.sh - the end-to-end harness: a sealed environment and small checks.
# Sourced by run.sh. $ITM is the binary under test, $ROOT the source tree.

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
: "${ITM:=$ROOT/itmaturity}"
WORK=$(mktemp -d /tmp/itm-e2e-XXXXXX)
trap 'rm -rf "$WORK"' EXIT INT TERM
mkdir -p "$WORK/home" "$WORK/share"
export HOME="$WORK/home" TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8
unset XDG_DATA_HOME XDG_CONFIG_HOME ITMATURITY_DB NO_COLOR ITMATURITY_KEYS ITMATURITY_TRACE LANGUAGE
# The translations as built (make builds them with the binary).
export ITMATURITY_LOCALEDIR="$ROOT/build/locale"
# The installed share folder replaced by an empty one of the tests' own: a
# copy installed under the compiled-in DATADIR is never seen.
export ITMATURITY_DATADIR="$WORK/share"
PASSED=0 FAILED=0 CURRENT=""

# run CMD...: runs a command, keeping its status in $rc and its output in
# $WORK/out and $WORK/err.
run() {
	"$@" >"$WORK/out" 2>"$WORK/err"
	rc=$?
}

fail() {
	FAILED=$((FAILED + 1))
	printf 'FAIL %s: %s\n' "$CURRENT" "$*"
	printf '  stdout: %s\n' "$(head -c 2000 "$WORK/out")"
	printf '  stderr: %s\n' "$(head -c 2000 "$WORK/err")"
}

pass() {
	PASSED=$((PASSED + 1))
}

# check NAME CONDITION...: one named assertion; CONDITION is a command.
check() {
	CURRENT=$1
	shift
	if "$@"; then pass; else fail "$*"; fi
}

status_is() { [ "$rc" -eq "$1" ]; }
out_has() { grep -q -- "$1" "$WORK/out"; }
err_has() { grep -q -- "$1" "$WORK/err"; }
out_lacks() { ! grep -q -- "$1" "$WORK/out"; }
err_empty() { [ ! -s "$WORK/err" ]; }
# golden NAME COMMAND...: the command's output must equal tests/golden/NAME
# (UUIDs masked); UPDATE_GOLDEN=1 rewrites the file; EXPECT_STATUS is the
# exit status (default 0).
golden() {
	name=$1
	shift
	run "$@"
	# A UUID is random: mask it.
	sed 's/"uuid": "[0-9a-f-]*"/"uuid": "UUID"/' "$WORK/out" >"$WORK/golden.out"
	if [ -n "${UPDATE_GOLDEN:-}" ]; then
		cp "$WORK/golden.out" "$ROOT/tests/golden/$name"
	fi
	check "$name: exit status" status_is "${EXPECT_STATUS:-0}"
	g="$ROOT/tests/golden/$name"
	check "$name matches its golden file" cmp -s "$WORK/golden.out" "$g"
	[ -f "$g" ] && ! cmp -s "$WORK/golden.out" "$g" && diff "$g" "$WORK/golden.out" | head -20
	return 0
}

# The sanitizers print reports on stderr and change the exit status; this
# makes the absence of one explicit.
no_sanitizer_report() { ! grep -q -e 'Sanitizer' -e 'runtime error' "$WORK/err"; }

# A copy of the binary that another user can run, whatever the permissions
# of the folders above the source tree; prints its path.
# Under valgrind $ITM is a wrapper script and $ITM_BIN the binary.
as_nobody_copy() {
	chmod 755 "$WORK"
	if [ ! -x "$WORK/itm-nobody" ]; then
		if [ -n "${ITM_BIN:-}" ]; then
			cp "$ITM_BIN" "$WORK/itm-nobody.bin"
			chmod 755 "$WORK/itm-nobody.bin"
			sed "s|\${ITM_BIN:-[^}]*}|$WORK/itm-nobody.bin|" "$ITM" >"$WORK/itm-nobody"
		else
			cp "$ITM" "$WORK/itm-nobody"
		fi
		chmod 755 "$WORK/itm-nobody"
	fi
	echo "$WORK/itm-nobody"
}

# tmux_cap TMUX FILE: the text of the pane "t" of the tmux server TMUX
# ("tmux -L NAME ...") in FILE, and with its attributes in FILE.e.
tmux_cap() {
	$1 capture-pane -p -t t >"$2" 2>/dev/null
	$1 capture-pane -p -e -t t >"$2.e" 2>/dev/null
}

# tmux_wait TMUX TEXT PREFIX: polls until TEXT shows and the screen has
# settled (two captures alike, PREFIX.a and PREFIX.b), up to 60 s
# (valgrind).
tmux_wait() {
	i=0
	while [ $i -lt 600 ]; do
		tmux_cap "$1" "$3.a"
		if grep -qF -- "$2" "$3.a"; then
			sleep 0.05
			tmux_cap "$1" "$3.b"
			cmp -s "$3.a" "$3.b" && return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	echo "  (waited for '$2'; the screen was:)"
	sed 's/^/  | /' "$3.a"
	return 1
}

# tmux_answer_all TMUX PREFIX RESULTS REVIEW KEEP: in the wizard, answers
# with the highlighted choice (Enter, which also leaves a domain intro; c
# on the page that shows REVIEW, once KEEP has kept it) until RESULTS
# show, however many questions there are and whatever their options;
# fails when the wizard has gone ("itm-exit=") or after 200 keys.
tmux_answer_all() {
	k=0
	while [ $k -lt 200 ]; do
		tmux_cap "$1" "$2.a"
		if grep -qF -- "$3" "$2.a"; then
			return 0
		elif grep -qF "itm-exit=" "$2.a"; then
			echo "  (the wizard ended before its results)"
			return 1
		elif grep -qF -- "$4" "$2.a"; then
			tmux_wait "$1" "$4" "$2" && $5 review
			$1 send-keys -t t c
		else
			$1 send-keys -t t Enter   # a domain intro, or a question's highlighted choice
		fi
		# The next screen, before answering again.
		cp "$2.a" "$2.prev"
		i=0
		while [ $i -lt 200 ] && cmp -s "$2.a" "$2.prev"; do
			sleep 0.05
			tmux_cap "$1" "$2.a"
			i=$((i + 1))
		done
		k=$((k + 1))
	done
	echo "  (no results after $k keys)"
	return 1
}

# tmux_stop "TMUX -L NAME ...": stops that private tmux server and waits
# until it has gone.
tmux_stop() {
	$1 kill-server 2>/dev/null
	n=0
	while $1 has-session 2>/dev/null && [ $n -lt 50 ]; do
		sleep 0.1
		n=$((n + 1))
	done
}
