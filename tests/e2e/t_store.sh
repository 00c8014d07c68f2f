# t_store.sh - the database commands: where the database lives, what they
# keep, and how bad databases are refused.

# The default location, created private.
run "$ITM" orgs add "Café Élysée"
check "orgs add exits 0" status_is 0
check "default database created" test -f "$HOME/.local/share/itmaturity/itmaturity.db"
check "database is mode 0600" [ "$(stat -c %a "$HOME/.local/share/itmaturity/itmaturity.db")" = 600 ]
check "its folder is mode 0700" [ "$(stat -c %a "$HOME/.local/share/itmaturity")" = 700 ]

export ITMATURITY_DB="$WORK/env.db"
run "$ITM" orgs add Bakkerij
check "ITMATURITY_DB is used" test -f "$WORK/env.db"
run "$ITM" --db "$WORK/opt.db" orgs add Other
check "--db beats ITMATURITY_DB" test -f "$WORK/opt.db"
run "$ITM" orgs add Bakkerij
check "duplicate organisation exits 2" status_is 2
check "duplicate organisation is explained" err_has "an organisation named 'Bakkerij' exists already"
run "$ITM" orgs add "Garage Dupont"
run "$ITM" orgs rename "Garage Dupont" "Garage Dupont & Fils"
check "orgs rename exits 0" status_is 0
# From the source tree, where ./questionnaires has the domain 'security'.
cd "$ROOT" && run "$ITM" orgs target Bakkerij security 3.5 && cd "$WORK"
check "orgs target exits 0" status_is 0
run "$ITM" orgs interval Bakkerij 6
check "orgs interval exits 0" status_is 0
run "$ITM" orgs interval Bakkerij 0
check "orgs interval 0 exits 2" status_is 2
run "$ITM" orgs target Nobody security 3
check "unknown organisation exits 2" status_is 2
check "unknown organisation is named" err_has "no organisation named 'Nobody'"
run "$ITM" orgs
check "orgs lists" out_has "^Bakkerij  *small   6 months security=3.5$"
check "orgs shows the renamed one" out_has "^Garage Dupont & Fils "
run "$ITM" orgs list --format json
check "orgs json" jq -e '.[0].name == "Bakkerij" and .[0].targets.security == 3.5 and .[0].interval_months == 6' "$WORK/out"
run "$ITM" orgs target Bakkerij security --clear
run "$ITM" orgs list --format json
check "orgs target --clear" jq -e '.[0].targets == {}' "$WORK/out"

run "$ITM" list
check "list of nothing exits 0" status_is 0
check "list of nothing says so" err_has "No assessments yet"
run "$ITM" list --format json
check "list json of nothing is []" jq -e '. == []' "$WORK/out"
run "$ITM" list --status nonsense
check "list bad status exits 2" status_is 2
run "$ITM" list --org Nobody
check "list unknown org exits 2" status_is 2

run "$ITM" delete 1 </dev/null
check "delete without a terminal or --yes exits 2" status_is 2
run "$ITM" delete 99 --yes
check "delete unknown id exits 2" status_is 2
run "$ITM" delete abc --yes
check "delete bad id exits 2" status_is 2

run "$ITM" backup "$WORK/copy.db"
check "backup exits 0" status_is 0
check "backup is private" [ "$(stat -c %a "$WORK/copy.db")" = 600 ]
run "$ITM" --db "$WORK/copy.db" orgs
check "backup holds the organisations" out_has "^Bakkerij "
run "$ITM" backup "$WORK/copy.db"
check "backup never overwrites" status_is 1

# Read-only: reading works, writing is refused.
run "$ITM" --read-only list
check "--read-only list exits 0" status_is 0
run "$ITM" --read-only orgs add New
check "--read-only write exits 1" status_is 1
check "--read-only write is explained" err_has "this command writes, and --read-only was given"

# Bad databases: refused with path and reason, left as they were.
printf 'not a database, but long enough to look like a header of one...%080d\n' 0 >"$WORK/foreign.db"
cp "$WORK/foreign.db" "$WORK/foreign.orig"
run "$ITM" --db "$WORK/foreign.db" orgs add X
check "non-SQLite file exits 1" status_is 1
check "non-SQLite file: path and reason" err_has "^itmaturity: $WORK/foreign.db: not an itmaturity database"
check "non-SQLite file unchanged" cmp -s "$WORK/foreign.db" "$WORK/foreign.orig"
run "$ITM" --db "$WORK/foreign.db" list
check "non-SQLite file refused for reading too" status_is 1

cp "$ROOT/tests/fixtures/db/schema1.db" "$WORK/old.db"
run "$ITM" --db "$WORK/old.db" list
check "schema 1 database is upgraded" status_is 0
check "upgrade names the backup" err_has "upgraded to schema version 6; the previous file is kept as $WORK/old.db.schema1.bak"
check "upgraded database lists its assessments" out_has "Bakkerij Janssens"
run "$ITM" --db "$WORK/old.db" list --format json
check "upgrade scores the old complete assessment" jq -e '.[] | select(.id == 1) | .overall == 100' "$WORK/out"
check "the backup exists" test -f "$WORK/old.db.schema1.bak"
check "the backup is private" [ "$(stat -c %a "$WORK/old.db.schema1.bak")" = 600 ]

# An upgrade that fails (a table in its way) keeps one backup, however
# often it is tried (a daily 'due' from cron, say).
cp "$ROOT/tests/fixtures/db/schema1-blocked.db" "$WORK/blocked.db"
run "$ITM" --db "$WORK/blocked.db" due
check "failing upgrade exits 1" status_is 1
check "failing upgrade is explained" err_has "^itmaturity: $WORK/blocked.db: upgrading the schema to version 2 failed"
run "$ITM" --db "$WORK/blocked.db" due
check "failing upgrade again exits 1" status_is 1
check "failing upgrade twice keeps one backup" [ "$(ls "$WORK" | grep -c '^blocked\.db\.')" = 1 ]
check "failing upgrade's backup is private" [ "$(stat -c %a "$WORK/blocked.db.schema1.bak")" = 600 ]

# The environment: no HOME, an unwritable data folder.
unset ITMATURITY_DB
run env -u HOME "$ITM" orgs
check "no HOME and no --db exits 1" status_is 1
check "no HOME is explained" err_has "HOME is not set"
mkdir -p "$WORK/ro-home" && chmod 555 "$WORK/ro-home" && chmod 755 "$WORK"
if [ "$(id -u)" -eq 0 ]; then
	run setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$WORK/ro-home" "$(as_nobody_copy)" orgs add X
else
	run env HOME="$WORK/ro-home" "$ITM" orgs add X
fi
check "unwritable data folder exits 1" status_is 1
check "unwritable data folder is named" err_has "cannot create the folder $WORK/ro-home/.local: Permission denied"

# Import and export of hostile text (issue 13): a strict JSON reader, the
# text rules, targets on the scale, dates, conflicts. The bundles are the
# fuzzing seeds made from draft.json.
SEEDS="$ROOT/tests/fuzz/seeds/bundle"
export ITMATURITY_DB="$WORK/refused-bundles.db"  # not t_hostile_output.sh's
run "$ITM" import "$SEEDS/duplicate-key.json"
check "bundle with a duplicate key exits 2" status_is 2
check "duplicate key named at its place" err_has "duplicate-key.json:33:26: duplicate key \"status\""
run "$ITM" import "$SEEDS/invalid-utf8.json"
check "bundle with invalid UTF-8 exits 2" status_is 2
check "invalid UTF-8 named at its byte" err_has "invalid-utf8.json:39:24: not valid UTF-8 (byte 0xFF)"
run "$ITM" import "$SEEDS/lone-surrogate.json"
check "bundle with a lone surrogate exits 2" status_is 2
run "$ITM" import "$SEEDS/target-off-scale.json"
check "bundle with a target of -5 exits 2" status_is 2
check "target of -5 named at its place" err_has "target-off-scale.json:13:21: organisation 'Café Élysée': target -5 for domain 'security' is not on the scale"
run "$ITM" import "$SEEDS/future-date.json"
check "bundle dated 9999-11-30 exits 2" status_is 2
check "date in the future named at its place" err_has "future-date.json:42:15: assessment: date 9999-11-30 is in the future"
run "$ITM" list
check "nothing stored from the refused bundles (not even the database)" err_has "no database here"
run "$ITM" import "$SEEDS/surrogate-pair.json"
check "bundle with a surrogate pair imports" status_is 0
run "$ITM" list --format json
check "surrogate pair stored as its character" jq -e 'any(.[]; .respondent == "😀 Zoë")' "$WORK/out"
sed 's/all but the warehouse PCs/all PCs/' "$SEEDS/surrogate-pair.json" >"$WORK/conflict.json"
run "$ITM" import "$WORK/conflict.json"
check "conflicting assessment exits 2" status_is 2
check "conflict named at the assessment" err_has "conflict.json:36:5: assessment 3530f9c1-747e-4314-a117-0c6202daa666 is already in the database, with other content (the answers differ)"
check "conflict: nothing imported" err_has "nothing was imported"

# A database holding names the tool no longer takes in exports a bundle
# that is valid JSON and imports (issue 13, point 3).
cp "$ROOT/tests/fixtures/db/legacy-text.db" "$WORK/legacy.db"
run "$ITM" --db "$WORK/legacy.db" export -o "$WORK/legacy.json"
check "export of stored invalid UTF-8 exits 0" status_is 0
check "export of stored invalid UTF-8 is JSON" jq -e '.organisations | map(.name) == ["Bad\ufffd", "Padded\\x1b[31m"]' "$WORK/legacy.json"
run "$ITM" --db "$WORK/legacy2.db" import "$WORK/legacy.json"
check "that bundle imports into a new database" status_is 0
run "$ITM" --db "$WORK/legacy2.db" export -o "$WORK/legacy2.json"
check "and exports to the same bytes" cmp -s "$WORK/legacy.json" "$WORK/legacy2.json"
run "$ITM" --db "$WORK/legacy.db" import "$WORK/legacy.json"
check "and imports back as already there" out_has "0 organisations and 0 assessments added"
unset ITMATURITY_DB

# An import that stores nothing leaves no new database behind.
echo '{}' >"$WORK/empty-bundle.json"
run "$ITM" --db "$WORK/fresh-import.db" import "$WORK/empty-bundle.json"
check "a refused import into a new database exits 2" status_is 2
check "a refused import leaves no new database" [ ! -e "$WORK/fresh-import.db" ] && [ ! -e "$WORK/fresh-import.db-wal" ]
