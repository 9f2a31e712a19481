# bad_input.sh - hvbench refuses bad input cleanly: every command answers a
# bad command line with a usage error (exit status 2), and a damaged or
# foreign database file gets a clear error (exit 1) and is left byte for
# byte as it was.
. "$(dirname "$0")/lib.sh"

# ---- command lines ----------------------------------------------------------
expect "usage-no-command" 2 "$HVBENCH"
expect "usage-unknown-command" 2 "$HVBENCH" no-such-command
# Every command hvbench lists, whoever added it.
commands=$("$HVBENCH" --help | sed -n '/^commands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }')
[ -n "$commands" ] || fail "usage-command-list" "hvbench --help lists no commands"
for cmd in $commands; do
	expect "usage-$cmd-unknown-option" 2 "$HVBENCH" "$cmd" --no-such-option
	expect "usage-$cmd-missing-value" 2 "$HVBENCH" "$cmd" --db
done
for args in "--vcpus 0" "--vcpus 65" "--batches 0" "--batches 1001" "--batches 12abc" \
	"--timeout -1" "--backend no-such-backend" "--bench no-such-bench" "--bench ," \
	"--tag novalue" "--pin x" "--arch sparc" "stray-argument" "--mem 8" "--mem 64g"; do
	name=$(echo "$args" | tr -c 'a-z0-9\n' '-' | sed 's/-*$//')
	# shellcheck disable=SC2086 # the words of $args are separate arguments
	expect "usage-run$name" 2 "$HVBENCH" run --db "$TMP/never-created.db" $args
done
if [ -e "$TMP/never-created.db" ]; then fail "usage-run-creates-no-db" "a bad command line created the database"
else pass "usage-run-creates-no-db"; fi
expect "usage-show-two-runs" 2 "$HVBENCH" show --db "$TMP/x.db" 1 2

# ---- databases that are not sound ----------------------------------------------
# A real database to damage: tables created by hvbench itself, plus rows.
GOOD="$TMP/good.db"
sqlite3 "$GOOD" < "$HVB_TOP/results-schema.sql"
sqlite3 "$GOOD" "INSERT INTO hosts VALUES (1, 'h', 'cpu', 'fp');
	WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
	INSERT INTO runs (run_id, started_at, host_id, arch, backend, status, command_line)
	SELECT i, '2025-01-01T00:00:00Z', 1, 'x86_64', 'refhv', 'complete',
	       printf('%0300d', i) FROM n;" 2>"$TMP/good.err"
if [ "$(sql "$GOOD" 'PRAGMA integrity_check')" != ok ] ||
   [ "$(sql "$GOOD" 'SELECT count(*) FROM runs')" != 400 ]; then
	fail "db-fixture" "could not build a sound database: $(cat "$TMP/good.err")"
	exit 0
fi
size=$(stat -c %s "$GOOD")
head -c $((size / 2)) "$GOOD" > "$TMP/truncated.db"
cp "$GOOD" "$TMP/badpage.db"
# Scribble over the cell pointers and cells of a page in the middle.
page=$(( size / 4096 / 2 ))
head -c 3000 /dev/urandom | dd of="$TMP/badpage.db" bs=1 seek=$((page * 4096 + 8)) conv=notrunc 2>/dev/null
printf 'just some text, not a database\n' > "$TMP/text.db"
sqlite3 "$TMP/foreign.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
sqlite3 "$TMP/otherapp.db" "PRAGMA application_id = 1234; CREATE TABLE t(x);"

for db in truncated badpage text foreign otherapp; do
	file="$TMP/$db.db"
	sum=$(sha256sum < "$file")
	expect "db-$db-run-refused" 1 "$HVBENCH" run --db "$file" --backend qemu-tcg --bench cpuid \
		--batches 1 --refhv "$REFHV" --guest "$GUEST" &&
		has "db-$db-run-message" "$TMP/db-$db-run-refused.out" "$db\.db: .*(refusing|damaged|malformed|not)"
	expect "db-$db-show-refused" 1 "$HVBENCH" show --db "$file"
	equals "db-$db-untouched" "$(sha256sum < "$file")" "$sum"
	if ls "$file"-wal "$file"-journal >/dev/null 2>&1; then fail "db-$db-no-leftovers" "journal files left behind"
	else pass "db-$db-no-leftovers"; fi
done
