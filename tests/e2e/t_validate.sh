# t_validate.sh - itmaturity validate on good, bad and hostile files.
FX="$ROOT/tests/fixtures/questionnaire"

run "$ITM" validate "$ROOT"/questionnaires/*.yaml
check "bundled questionnaires are valid" status_is 0
check "bundled: ok lines" out_has 'sme-it-maturity.yaml: ok (5 domains, '
check "bundled: no errors" err_empty

# A translation (docs/questionnaire-format.md, "Translations") is checked
# against the questionnaire beside it; one whose structure differs is
# refused with FILE:LINE:COL, by validate and wherever it would be used.
TR="$ROOT/tests/fixtures/translation"
run "$ITM" validate "$TR/base.nl.yaml"
check "a translation is valid against its questionnaire" out_has "base.nl.yaml: ok (1 domain, 2 questions)$"
mkdir -p "$WORK/tr"
cp "$TR/base.yaml" "$WORK/tr/base.yaml"
grep -v '^# expect' "$TR/bad/option-key.yaml" >"$WORK/tr/base.nl.yaml"
run "$ITM" validate "$WORK/tr/base.nl.yaml"
check "a translation whose structure differs exits 2" status_is 2
check "a translation whose structure differs: FILE:LINE:COL" \
	err_has "^$WORK/tr/base.nl.yaml:26:19: question 'd.r', option 'always': key 'often' where base 1 has 'always'"
run "$ITM" --lang nl questionnaire show "$WORK/tr/base.yaml"
check "a questionnaire whose Dutch translation is bad is refused in Dutch" status_is 2
check "saying where the translation is wrong" err_has "^$WORK/tr/base.nl.yaml:26:19: "
run "$ITM" --lang fr questionnaire show "$WORK/tr/base.yaml"
check "in French, which it has not, it shows the questionnaire's own texts" out_has "^Base$"
run "$ITM" questionnaires
check "translations are not listed as questionnaires" out_lacks '\.nl\.yaml'
# The list only glances at a translation (its title): a FIFO named as one
# does not make it wait, and a title longer than the glance is not taken;
# loading the questionnaire reads the translation whole, and refuses that.
mkdir -p "$WORK/peek/questionnaires"
cp "$ROOT/questionnaires/quick-scan.yaml" "$WORK/peek/questionnaires/"
mkfifo "$WORK/peek/questionnaires/quick-scan.nl.yaml"
cd "$WORK/peek" || exit 1
run timeout 60 "$ITM" --lang nl questionnaires
check "a FIFO named as a translation: the list does not wait" status_is 0
check "a FIFO named as a translation: the questionnaire keeps its title" out_has ' IT maturity quick scan '
run timeout 60 "$ITM" --lang nl questionnaire show quick-scan
check "a FIFO named as a translation is refused when loaded" status_is 2
check "... naming it" err_has "^itmaturity: questionnaires/quick-scan.nl.yaml: "
rm -f questionnaires/quick-scan.nl.yaml
{ printf 'translation-of: quick-scan\nversion: "1.1"\ntitle: '; head -c 100000 /dev/zero | tr '\0' a; echo; } \
	>questionnaires/quick-scan.nl.yaml
run "$ITM" --lang nl questionnaires
check "a translation's title longer than the glance is not taken" out_has ' IT maturity quick scan '
# A file named NAME.new.yaml beside NAME.yaml is a questionnaire: only the
# languages the tool has make a translation.
sed 's/^id: quick-scan$/id: quick-scan-new/' questionnaires/quick-scan.yaml >questionnaires/quick-scan.new.yaml
run "$ITM" questionnaires
check "NAME.new.yaml is a questionnaire of its own" out_has '^quick-scan-new '
cd "$WORK" || exit 1

run "$ITM" validate "$FX/good/minimal.yaml"
check "minimal: ok line" out_has "minimal.yaml: ok (1 domain, 1 question)$"

for f in "$FX"/bad/*.yaml; do
	run "$ITM" validate "$f"
	check "$(basename "$f") exits 2" status_is 2
	check "$(basename "$f") reports FILE:LINE:COL" err_has "^$f:[0-9]*:[0-9]*: "
	check "$(basename "$f") no sanitizer report" no_sanitizer_report
done

run "$ITM" validate "$FX/good/minimal.yaml" "$FX/bad/alias.yaml" "$FX/good/example.yaml"
check "mixed files exit 2" status_is 2
check "mixed: valid files still reported ok" out_has "example.yaml: ok"
check "mixed: invalid file reported" err_has "alias.yaml:3:8: YAML aliases"

run "$ITM" validate "$WORK/nope.yaml"
check "missing file exits 2" status_is 2
check "missing file is named" err_has "^$WORK/nope.yaml: cannot open: No such file or directory"

run "$ITM" validate "$WORK"
check "directory exits 2" status_is 2
check "directory is named" err_has "^$WORK: is a directory"

cp "$FX/good/minimal.yaml" "$WORK/secret.yaml"
chmod 000 "$WORK/secret.yaml"
if [ "$(id -u)" -eq 0 ]; then
	# Root reads any file: try as nobody.
	chmod 755 "$WORK"
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$(as_nobody_copy)" validate "$WORK/secret.yaml"
else
	run "$ITM" validate "$WORK/secret.yaml"
fi
check "unreadable file exits 2" status_is 2
check "unreadable file is named" err_has "secret.yaml: cannot open: Permission denied"

run "$ITM" validate
check "validate without files exits 2" status_is 2

# Hostile inputs, made here rather than committed.
head -c 31457280 /dev/zero | tr '\0' a | { printf 'id: '; cat; } >"$WORK/big-scalar.yaml"
run "$ITM" validate "$WORK/big-scalar.yaml"
check "30 MB scalar exits 2" status_is 2
check "30 MB scalar reported" err_has "big-scalar.yaml:1:5: value is longer than the limit"

head -c 40000000 /dev/zero >"$WORK/huge.yaml"
run "$ITM" validate "$WORK/huge.yaml"
check "file over the size limit exits 2" status_is 2
check "file over the size limit reported" err_has "huge.yaml: file is larger than the limit of 32 MiB"

head -c 100000 /dev/zero | tr '\0' '[' >"$WORK/deep.yaml"
run "$ITM" validate "$WORK/deep.yaml"
check "100,000 nested lists exit 2" status_is 2
check "deep nesting reported" err_has "deep.yaml:1:33: nested deeper than the limit of 32 levels"

head -c 65536 /dev/urandom >"$WORK/garbage.yaml"
run "$ITM" validate "$WORK/garbage.yaml"
check "binary garbage exits 2" status_is 2
check "binary garbage reported with a position" err_has "garbage.yaml:[0-9]*:[0-9]*: "
check "binary garbage: no sanitizer report" no_sanitizer_report

{
	printf 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
	for x in b c d e f g h i; do printf '%s: &%s [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n' $x $x; done
} >"$WORK/laughs.yaml"
run "$ITM" validate "$WORK/laughs.yaml"
check "billion laughs exits 2" status_is 2
check "billion laughs reported" err_has "laughs.yaml:2:8: YAML aliases (\*a) are not supported"
