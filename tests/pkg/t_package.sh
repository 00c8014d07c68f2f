#!/bin/sh
# t_package.sh - the Debian package: built by scripts/deb (what 'make deb'
# runs) from the release tarball, with the unit tests and without the
# end-to-end ones; unpacked into a temporary root (dpkg -x), where the
# binary runs and validates the questionnaires it installed; lintian, when
# installed, finds no error (its warnings are printed).
. "$(dirname "$0")/../e2e/lib.sh"
cd "$WORK" || exit 1
V=$(dpkg-parsechangelog -l "$ROOT/debian/changelog" -SVersion)
check "debian/changelog has the Makefile's VERSION_BASE" \
	test "$V" = "$(sed -n 's/^VERSION_BASE := //p' "$ROOT/Makefile")"
DEB="$WORK/deb/itmaturity_${V}_$(dpkg-architecture -qDEB_HOST_ARCH).deb"
run "$ROOT/scripts/deb" "$WORK/deb"
check "the package builds" status_is 0
check "itmaturity_VERSION_ARCH.deb is written" test -f "$DEB"
check "the build runs the unit tests" out_has '^== test_score$'
check "the build does not run the end-to-end tests" out_lacks 'passed, [0-9]* failed'

R="$WORK/root"
dpkg -x "$DEB" "$R"
check "the binary is in /usr/bin" test -x "$R/usr/bin/itmaturity"
check "the man page is in /usr/share/man" test -f "$R/usr/share/man/man1/itmaturity.1.gz"
check "the completion is in bash-completion's folder" \
	test -f "$R/usr/share/bash-completion/completions/itmaturity"
check "the docs are in /usr/share/doc" test -f "$R/usr/share/doc/itmaturity/README.md.gz"
check "the copyright names the YAML test suite's licence" \
	grep -q '^Files: tests/yaml-test-suite/' "$R/usr/share/doc/itmaturity/copyright"
set -- "$R"/usr/share/itmaturity/questionnaires/*.yaml
check "the questionnaires are in /usr/share/itmaturity/questionnaires" test -f "$1"
run "$R/usr/bin/itmaturity" validate "$@"
check "the installed binary validates the installed questionnaires" status_is 0
check "every installed questionnaire is valid" test "$(grep -c ': ok (' "$WORK/out")" -eq $#
run "$R/usr/bin/itmaturity" --help
check "the installed binary shows its help" status_is 0
check "the help is the tool's" out_has '^usage: itmaturity '
run "$R/usr/bin/itmaturity" --version
check "--version is the package's version" test "$(cat "$WORK/out")" = "itmaturity $V"
check "the binary looks for questionnaires in /usr/share/itmaturity" \
	grep -q -a -F /usr/share/itmaturity "$R/usr/bin/itmaturity"
run env ITMATURITY_DATADIR="$R/usr/share/itmaturity" "$R/usr/bin/itmaturity" questionnaires
check "its questionnaires are found in the share folder" \
	out_has "^quick-scan .*$R/usr/share/itmaturity/questionnaires/quick-scan.yaml$"
for l in nl fr; do
	check "the $l messages are in /usr/share/locale" test -f "$R/usr/share/locale/$l/LC_MESSAGES/itmaturity.mo"
done
run env ITMATURITY_DATADIR="$R/usr/share/itmaturity" ITMATURITY_LOCALEDIR="$R/usr/share/locale" \
	"$R/usr/bin/itmaturity" --lang nl questionnaire show quick-scan
check "the installed binary shows the quick scan in Dutch" out_has '^IT-maturiteit: quickscan$'
check "the binary looks for its messages in /usr/share/locale" \
	grep -q -a -F /usr/share/locale "$R/usr/bin/itmaturity"
# bash-completion's loader finds it on demand where it was installed.
BC=/usr/share/bash-completion/bash_completion
if [ -f "$BC" ]; then
	run env XDG_DATA_DIRS="$R/usr/share" bash -c '. "$1"; __load_completion itmaturity; complete -p itmaturity' _ "$BC"
	check "bash-completion loads the installed completion" out_has '_itmaturity itmaturity$'
else
	echo "t_package: bash-completion is not installed: its loader not tried"
fi

if command -v lintian >/dev/null 2>&1; then
	run lintian --color=never "$DEB"
	grep -v 'running with root privileges' "$WORK/out" "$WORK/err"
	check "lintian finds no error" out_lacks '^E: '
else
	echo "t_package: lintian is not installed: not run"
fi
printf 't_package: %d passed, %d failed\n' "$PASSED" "$FAILED"
[ "$FAILED" -eq 0 ]
