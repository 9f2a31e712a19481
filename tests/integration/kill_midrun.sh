# kill_midrun.sh - SIGKILL `hvbench run` at several moments; the database
# must stay sound: PRAGMA integrity_check = ok, runs finished before are
# untouched, a run cut off is stored as 'incomplete' (never 'complete' with
# part of its results), `hvbench show` says so, no guest outlives hvbench,
# and the next run works.  The kill times only decide where hvbench dies;
# every assertion is about what the database holds afterwards.
#
# Backend qemu-tcg: works without KVM.
. "$(dirname "$0")/lib.sh"

if ! command -v qemu-system-x86_64 >/dev/null 2>&1; then
	skip "kill-midrun" "qemu-system-x86_64 not installed"
	exit 0
fi
DB="$TMP/kill.db"
# A private copy of the guest, so leftover QEMUs can be found by its path.
cp "$GUEST" "$TMP/kill-guest.elf"
BENCHES=cpuid,pio-out-user,mmio-write-user
# `expect` runs a program, not a shell function: a tiny script does the run.
cat > "$TMP/run" <<RUN
#!/bin/sh
exec "$HVBENCH" run --backend qemu-tcg --bench $BENCHES --timeout 120 \
	--db "$DB" --refhv "$REFHV" --guest "$TMP/kill-guest.elf" "\$@"
RUN
chmod +x "$TMP/run"

expect "kill-baseline-run" 0 "$TMP/run" --batches 2 || exit 0
before=$(sql "$DB" "SELECT count(*) FROM results WHERE run_id = 1")
before_samples=$(sql "$DB" "SELECT count(*) FROM samples JOIN results USING (result_id) WHERE run_id = 1")
equals "kill-baseline-results" "$before" 3

for delay in 0.5 1 2 4; do
	"$TMP/run" --batches 1000 >"$TMP/kill-$delay.out" 2>&1 &
	pid=$!
	sleep "$delay"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	equals "kill-$delay-integrity" "$(sql "$DB" 'PRAGMA integrity_check')" ok
done
sleep 1
equals "kill-no-guest-left" "$(pgrep -f "$TMP/kill-guest.elf" | wc -l | tr -d ' ')" 0

equals "kill-baseline-untouched" \
	"$(sql "$DB" "SELECT count(*) FROM results WHERE run_id = 1"):$(sql "$DB" "SELECT count(*) FROM samples JOIN results USING (result_id) WHERE run_id = 1"):$(sql "$DB" "SELECT status FROM runs WHERE run_id = 1")" \
	"$before:$before_samples:complete"
# Every run is complete with all its benchmarks and a finish time, or
# incomplete without one; nothing in between.
equals "kill-no-partial-complete" "$(sql "$DB" "
	SELECT count(*) FROM runs r WHERE
	  (r.status = 'complete' AND (r.finished_at IS NULL OR
	     (SELECT count(*) FROM results WHERE run_id = r.run_id) <> 3))
	  OR (r.status = 'incomplete' AND r.finished_at IS NOT NULL)
	  OR r.status NOT IN ('complete', 'incomplete')")" 0
killed=$(sql "$DB" "SELECT count(*) FROM runs WHERE status = 'incomplete'")
if [ "$killed" -ge 1 ]; then pass "kill-left-incomplete-runs ($killed)"; else
	fail "kill-left-incomplete-runs" "no run was cut off: hvbench died before beginning one every time"; fi

# show and the summary view name an incomplete run as such.
last=$(sql "$DB" "SELECT max(run_id) FROM runs WHERE status = 'incomplete'")
if [ -n "$last" ] && expect "kill-show-incomplete" 0 "$HVBENCH" show --db "$DB" "$last"; then
	has "kill-show-says-incomplete" "$TMP/kill-show-incomplete.out" "^run $last .*incomplete"
fi
equals "kill-summary-run-status" "$(sql "$DB" "SELECT count(*) FROM summary WHERE run_status = 'incomplete' AND run_id NOT IN (SELECT run_id FROM runs WHERE status = 'incomplete')")" 0

# The database keeps working.
if expect "kill-next-run" 0 "$TMP/run" --batches 2; then
	newest=$(sql "$DB" "SELECT max(run_id) FROM runs")
	equals "kill-next-run-complete" "$(sql "$DB" "SELECT status || ':' || (SELECT count(*) FROM results WHERE run_id = $newest) FROM runs WHERE run_id = $newest")" "complete:3"
fi
equals "kill-final-integrity" "$(sql "$DB" 'PRAGMA integrity_check')" ok
