# concurrency.sh - many writers on one database at once: four `hvbench run`s
# and an `hvbench import` in parallel, with a long test-bed run among them
# (when the kvm-x86_64 test-bed is prepared), all on a database none of
# them finds existing.  Every run must be stored whole (status complete,
# every benchmark with its samples), nobody may fail with "database is
# locked", and the database must stay sound.  A writer holding the lock
# longer than the bound ($HVBENCH_BUSY_TIMEOUT) does not lose a run: it
# goes to the recovery file the error names (exit status 4).
. "$(dirname "$0")/lib.sh"

if kvm_usable; then BACKEND=refhv
elif command -v qemu-system-x86_64 >/dev/null 2>&1; then BACKEND=qemu-tcg
else skip "concurrency" "neither /dev/kvm nor qemu-system-x86_64"; exit 0; fi
DB="$TMP/shared.db"
BENCHES=cpuid,pio-out-user,mmio-write-user

# The database to import: three runs made beforehand, elsewhere.
for i in 1 2 3; do
	"$HVBENCH" run --backend $BACKEND --bench cpuid --batches 3 --db "$TMP/other.db" $HVB_PATHS \
		>"$TMP/other-$i.out" 2>&1 || fail "concurrency-other-$i" "exit status $?"
done

TESTBED=
if [ "${HVB_VARIANT:-host}" = host ] && prepared kvm-x86_64 "concurrency-testbed" 2>/dev/null; then
	TESTBED=kvm-x86_64
fi
pids=
for i in 1 2 3 4; do
	"$HVBENCH" run --backend $BACKEND --bench $BENCHES --batches 5 --timeout 120 --db "$DB" \
		$HVB_PATHS >"$TMP/run-$i.out" 2>&1 &
	pids="$pids $!"
done
"$HVBENCH" import "$TMP/other.db" --db "$DB" >"$TMP/import.out" 2>&1 &
pids="$pids $!"
if [ -n "$TESTBED" ]; then
	"$HVBENCH" run --testbed $TESTBED --bench cpuid,pio-out-user --batches 3 --db "$DB" \
		>"$TMP/run-testbed.out" 2>&1 &
	pids="$pids $!"
fi
failed=0
for p in $pids; do wait "$p" || failed=$((failed + 1)); done
writers=$(echo $pids | wc -w)
equals "concurrency-all-writers-succeed ($writers in parallel)" "$failed" 0
if grep -l "database is locked" "$TMP"/run-*.out "$TMP/import.out" >/dev/null 2>&1; then
	fail "concurrency-no-locked-error" "$(grep -h "database is locked" "$TMP"/run-*.out "$TMP/import.out" | head -n 3)"
else
	pass "concurrency-no-locked-error"
fi
equals "concurrency-integrity" "$(sql "$DB" 'PRAGMA integrity_check')" ok
equals "concurrency-runs-whole" "$(sql "$DB" "SELECT count(*) FROM runs r WHERE r.backend = '$BACKEND' AND r.testbed = 'host' AND r.status = 'complete' AND (SELECT count(*) FROM results WHERE run_id = r.run_id AND n = 5) = 3")" 4
equals "concurrency-import-whole" "$(sql "$DB" "SELECT count(*) FROM runs r WHERE (SELECT count(*) FROM results WHERE run_id = r.run_id AND n = 3 AND benchmark = 'cpuid') = 1 AND r.testbed = 'host'")" 3
if [ -n "$TESTBED" ]; then
	equals "concurrency-testbed-run-whole" "$(sql "$DB" "SELECT status || ':' || (SELECT count(*) FROM results WHERE run_id = r.run_id) FROM runs r WHERE testbed = '$TESTBED'")" "complete:2"
else
	skip "concurrency-testbed-run" "kvm-x86_64 test-bed not prepared (or the ASan pass: it runs in the normal one)"
fi

# A writer that holds the lock beyond the bound: the run is not lost.
sqlite3 "$DB" "BEGIN IMMEDIATE; INSERT INTO run_tags (run_id, key, value) SELECT max(run_id), 'held', 'x' FROM runs;" \
	".shell sleep 8" "COMMIT;" &
holder=$!
sleep 1   # give the holder time to take the lock (only decides which path is tested)
before=$(sql "$DB" "SELECT count(*) FROM runs")
HVBENCH_BUSY_TIMEOUT=1 "$HVBENCH" run --backend $BACKEND --bench cpuid --batches 3 --db "$DB" \
	$HVB_PATHS >"$TMP/held.out" 2>&1
rc=$?
wait $holder
if [ "$rc" -eq 4 ]; then
	file=$(sed -n "s/.*the measurements are kept in \([^:]*\): .*/\1/p" "$TMP/held.out" | head -n 1)
	has "concurrency-held-error-names-file" "$TMP/held.out" "cannot write to .*database is locked.*kept in"
	equals "concurrency-held-run-kept" "$(sql "$file" "SELECT status || ':' || (SELECT count(*) FROM samples WHERE kind = 'op') FROM runs")" "complete:3"
elif [ "$rc" -eq 0 ]; then
	skip "concurrency-held" "the lock was not held when the run stored (a busy machine)"
else
	fail "concurrency-held" "exit status $rc: $(tail -n 2 "$TMP/held.out")"
fi
equals "concurrency-held-db-sound" "$(sql "$DB" 'PRAGMA integrity_check'):$(sql "$DB" "SELECT count(*) >= $before FROM runs")" "ok:1"
