# t_badinput.sh - bad input that docs/bad-input.md lists and no other file
# tests: command-line arguments, database paths that are not databases,
# answers files and bundles that are not files. Each check's name is the
# one the catalogue gives.
BI="$WORK/badinput"
mkdir -p "$BI/adir"
mkfifo "$BI/afifo"
export ITMATURITY_DB="$BI/it.db"
"$ITM" orgs add Acme >/dev/null 2>&1

# Command-line arguments.
run "$ITM" --frobnicate
check "unknown global option exits 2" status_is 2
check "unknown global option is named" err_has "itmaturity: unknown option '--frobnicate'"
run "$ITM" list --limit abc
check "list --limit abc exits 2" status_is 2
check "list --limit abc is explained" err_has "limit takes a whole number above 0"
run "$ITM" list --limit 99999999999999999999
check "list --limit out of range exits 2" status_is 2
run "$ITM" delete 99999999999999999999 --yes
check "delete id out of range exits 2" status_is 2
check "delete id out of range is named as given" err_has "'99999999999999999999' is not an assessment id"
run "$ITM" report abc
check "report abc exits 2" status_is 2
check "report abc is explained" err_has "'abc' is not an assessment id or 'latest'"
run "$ITM" orgs target Acme security high
check "orgs target with a word for a level exits 2" status_is 2
check "orgs target with a word is explained" err_has "target level 'high' is not a number"
run "$ITM" orgs interval Acme 3x
check "orgs interval 3x exits 2" status_is 2
run "$ITM" assess --answers "$BI/x.yaml" --org Acme --date yesterday
check "assess --date yesterday exits 2" status_is 2
check "assess --date yesterday is explained" err_has "'yesterday' is not a date (YYYY-MM-DD)"
run "$ITM" list extra
check "unexpected operand exits 2" status_is 2
check "unexpected operand is named" err_has "unexpected argument 'extra'"
run "$ITM" list --format xml
check "unknown list format exits 2" status_is 2
run "$ITM" --db "" list
check "--db with an empty path exits 2" status_is 2
run "$ITM" orgs add ""
check "organisation with an empty name exits 2" status_is 2

# The database path names something that is not a database.
run "$ITM" --db "$BI/adir" list
check "--db a directory exits 1" status_is 1
check "--db a directory is explained" err_has "adir: not a regular file"
run "$ITM" --db "$BI/adir" orgs add X
check "--db a directory is not written" status_is 1
run "$ITM" --db "$BI/afifo" orgs add X
check "--db a FIFO exits 1 without waiting" status_is 1
check "--db a FIFO is explained" err_has "afifo: not a regular file"
run "$ITM" --db /dev/null list
check "--db a device exits 1" status_is 1
: >"$BI/empty.db"
run "$ITM" --read-only --db "$BI/empty.db" list
check "--read-only on an empty file exits 1" status_is 1
check "--read-only on an empty file is explained" err_has "the database is empty"
printf x >"$BI/tiny.db"
run "$ITM" --db "$BI/tiny.db" list
check "one-byte database file exits 1" status_is 1
check "one-byte database file is refused" err_has "not an itmaturity database"
run "$ITM" --read-only --db "$BI/missing.db" list
check "--read-only on a missing database exits 1" status_is 1
check "--read-only on a missing database is not created" test ! -e "$BI/missing.db"

# Names SQLite gives a meaning of their own: refused, nothing created (in
# the current folder, where they would land).
here=$PWD
cd "$BI" || exit 1
run "$ITM" --db :memory: orgs add X
check "--db :memory: exits 1" status_is 1
check "--db :memory: is explained" err_has "this name is SQLite's database in memory, which keeps nothing"
check "--db :memory: creates nothing" test ! -e ":memory:"
run "$ITM" --db "file:uri.db?mode=rwc" orgs add X
check "--db a file: URI exits 1" status_is 1
check "--db a file: URI is explained" err_has "starts with 'file:' is an SQLite URI, which itmaturity does not take"
check "--db a file: URI creates nothing" test ! -e "file:uri.db?mode=rwc"
run "$ITM" backup :memory:
check "backup to :memory: exits 1" status_is 1
check "backup to :memory: creates nothing" test ! -e ":memory:"
cd "$here" || exit 1

# A schema version below the first (PRAGMA user_version, bytes 60-63 of
# the header, set on a copy in rollback-journal mode, bytes 18-19):
# refused with the path, the file left byte for byte as it was.
neg_version() {
	cp "$BI/it.db" "$BI/$1.db"
	printf '\001\001' | dd of="$BI/$1.db" bs=1 seek=18 conv=notrunc 2>/dev/null
	printf "$2" | dd of="$BI/$1.db" bs=1 seek=60 conv=notrunc 2>/dev/null
	cp "$BI/$1.db" "$BI/$1.orig"
}
neg_version minus1m '\377\360\275\300'
run "$ITM" --db "$BI/minus1m.db" list
check "schema version -1000000 exits 1" status_is 1
check "schema version -1000000 is refused with the path" \
	err_has "^itmaturity: $BI/minus1m.db: not a schema this version knows (schema version -1000000;"
check "schema version -1000000: no sanitizer report" no_sanitizer_report
run "$ITM" --db "$BI/minus1m.db" orgs add X
check "schema version -1000000 refused for writing" status_is 1
check "schema version -1000000: file unchanged" cmp -s "$BI/minus1m.db" "$BI/minus1m.orig"
neg_version minus1 '\377\377\377\377'
run "$ITM" --db "$BI/minus1.db" orgs add X
check "schema version -1 exits 1" status_is 1
check "schema version -1 is refused" err_has "not a schema this version knows (schema version -1;"
check "schema version -1: file unchanged" cmp -s "$BI/minus1.db" "$BI/minus1.orig"
check "schema version -1: nothing beside it" [ "$(ls "$BI" | grep -c '^minus1\.db')" = 1 ]

# Answers files and bundles that are not files.
run "$ITM" assess --answers "$BI/adir" --org Acme --questionnaire "$ROOT/questionnaires/quick-scan.yaml"
check "answers file that is a directory exits 2" status_is 2
check "answers file that is a directory is named" err_has "adir: is a directory, not a file"
run "$ITM" assess --answers "$BI/afifo" --org Acme --questionnaire "$ROOT/questionnaires/quick-scan.yaml"
check "answers file that is a FIFO exits 2 without waiting" status_is 2
run "$ITM" assess --answers "$BI/missing.yaml" --org Acme
check "missing answers file exits 2" status_is 2
run "$ITM" import "$BI/adir"
check "bundle that is a directory exits 2" status_is 2
run "$ITM" import "$BI/afifo"
check "bundle that is a FIFO exits 2 without waiting" status_is 2
truncate -s 536870913 "$BI/big.json"
run "$ITM" import "$BI/big.json"
check "bundle larger than its limit exits 2" status_is 2
check "bundle larger than its limit is explained" err_has "big.json: file is larger than the limit of 512 MiB"
rm -f "$BI/big.json"
head -c 4096 /dev/urandom >"$BI/junk.json"
run "$ITM" import "$BI/junk.json"
check "bundle of random bytes exits 2" status_is 2
check "bundle of random bytes: no sanitizer report" no_sanitizer_report
run "$ITM" list --format json
check "nothing stored from bad input" jq -e 'length == 0' "$WORK/out"

# The environment: no HOME, but a database given.
run env -u HOME "$ITM" --db "$BI/it.db" orgs
check "no HOME with --db works" status_is 0
unset ITMATURITY_DB
