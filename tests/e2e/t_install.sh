# t_install.sh - make install / uninstall into a temporary prefix.
P="$WORK/prefix"
run make -s --no-print-directory -C "$ROOT" install PREFIX="$P"
check "make install exits 0" status_is 0
check "binary installed" test -x "$P/bin/itmaturity"
check "man page installed" test -f "$P/share/man/man1/itmaturity.1"
check "questionnaires installed" test -f "$P/share/itmaturity/questionnaires/sme-it-maturity.yaml"
check "bash completion installed under the prefix" test -f "$P/share/bash-completion/completions/itmaturity"
run "$P/bin/itmaturity" --version
check "--version prints the Makefile's version" out_has "^itmaturity $(make -s --no-print-directory -C "$ROOT" version)$"
mkdir -p "$WORK/elsewhere" && cd "$WORK/elsewhere" || exit 1
run env ITMATURITY_DATADIR= "$P/bin/itmaturity" questionnaires
check "installed binary finds the installed questionnaires" \
	out_has "$P/share/itmaturity/questionnaires/quick-scan.yaml$"
check "translations are not listed as questionnaires" out_lacks '\.nl\.yaml$'
for l in nl fr; do
	check "the $l messages installed" test -f "$P/share/locale/$l/LC_MESSAGES/itmaturity.mo"
	check "the $l questionnaires installed" test -f "$P/share/itmaturity/questionnaires/quick-scan.$l.yaml"
done
# Without ITMATURITY_LOCALEDIR it finds its own messages under PREFIX.
run "$P/bin/itmaturity" --lang en --help
cp "$WORK/out" "$WORK/help-en"
run env ITMATURITY_LOCALEDIR="$ROOT/build/locale" "$P/bin/itmaturity" --lang nl --help
cp "$WORK/out" "$WORK/help-nl"
run env -u ITMATURITY_LOCALEDIR "$P/bin/itmaturity" --lang nl --help
check "installed binary finds its installed messages" cmp -s "$WORK/out" "$WORK/help-nl"
check "... which are Dutch" sh -c "! cmp -s '$WORK/out' '$WORK/help-en'"
check "... and it says nothing about them" err_empty
cd "$WORK" || exit 1
run make -s --no-print-directory -C "$ROOT" uninstall PREFIX="$P"
check "make uninstall exits 0" status_is 0
check "uninstall removes the binary" test ! -e "$P/bin/itmaturity"
check "uninstall removes the questionnaires" test ! -e "$P/share/itmaturity"
check "uninstall removes the completion" test ! -e "$P/share/bash-completion/completions/itmaturity"
check "uninstall removes the messages" test ! -e "$P/share/locale/nl/LC_MESSAGES/itmaturity.mo"
# Staged, as a package build does it: DESTDIR in front of every path.
run make -s --no-print-directory -C "$ROOT" install PREFIX=/usr/local DESTDIR="$WORK/stage"
check "make install DESTDIR exits 0" status_is 0
check "DESTDIR: binary staged" test -x "$WORK/stage/usr/local/bin/itmaturity"
check "DESTDIR: questionnaires staged" test -f "$WORK/stage/usr/local/share/itmaturity/questionnaires/quick-scan.yaml"
check "DESTDIR: man page staged" test -f "$WORK/stage/usr/local/share/man/man1/itmaturity.1"
check "DESTDIR: completion staged" test -f "$WORK/stage/usr/local/share/bash-completion/completions/itmaturity"
run make -s --no-print-directory -C "$ROOT" uninstall PREFIX=/usr/local DESTDIR="$WORK/stage"
check "DESTDIR: uninstall removes the binary" test ! -e "$WORK/stage/usr/local/bin/itmaturity"
