# flood.sh - a guest that floods its report channel forever
# (tests/guests/x86_64/flood.c): refhv's memory stays bounded (its console
# is a fixed line buffer, written straight to stdout, so a flood only makes
# the guest wait), hvbench's stays bounded (lines cut at 4 KiB, the
# session's log head and tail, at most 2000 samples a benchmark, 16 MiB of
# console a boot), and the run ends failed with the reason.
. "$(dirname "$0")/lib.sh"

FLOOD="$TEST_GUESTS/test-flood.elf"
if ! kvm_usable; then
	skip "flood" "/dev/kvm is not usable here (the flood goes through refhv's report port)"
	exit 0
fi
[ -f "$FLOOD" ] || { fail "flood" "$FLOOD not built"; exit 0; }
TIME=/usr/bin/time
[ -x "$TIME" ] || TIME=

# Console noise: 16 MiB of it ends the boot as a flood.
DB="$TMP/flood.db"
expect "flood-console-run-fails" 1 ${TIME:+$TIME -o "$TMP/console.rss" -f %M} "$HVBENCH" run \
	--backend refhv --bench cpuid --batches 2 --timeout 600 --db "$DB" --refhv "$REFHV" --guest "$FLOOD"
equals "flood-console-run-failed" "$(sql "$DB" 'SELECT status FROM runs')" failed
equals "flood-console-reason" "$(sql "$DB" "SELECT status || ': ' || reason FROM results")" \
	"failed: no end record: refhv stopped: console flood (more than 16777216 bytes of output)"
equals "flood-console-log-bounded" "$(sql "$DB" "SELECT sum(length(text)) <= 1048576 + 64 FROM run_log")" 1
# Sample records past the session's limits: rejected, failed with the reason.
expect "flood-reports-run-fails" 1 ${TIME:+$TIME -o "$TMP/reports.rss" -f %M} "$HVBENCH" run \
	--backend refhv --bench pio-out-user --batches 2 --timeout 10 --db "$DB" --refhv "$REFHV" --guest "$FLOOD"
equals "flood-reports-reason" "$(sql "$DB" "SELECT status || ': ' || substr(reason, 1, 15) FROM results WHERE run_id = 2")" \
	"failed: rejected report"
# Memory: hvbench under 64 MiB resident whatever the guest sends; refhv
# under its guest RAM (256 MiB) plus 32 MiB after a 5 s flood.
if [ -n "$TIME" ] && [ "${HVB_VARIANT:-host}" = host ]; then
	for f in console reports; do
		kb=$(tail -n 1 "$TMP/$f.rss")
		if [ "$kb" -lt 65536 ]; then pass "flood-$f-hvbench-rss (${kb} KiB)"; else
			fail "flood-$f-hvbench-rss" "${kb} KiB resident, bound 65536"; fi
	done
	"$TIME" -o "$TMP/refhv.rss" -f %M "$REFHV" --timeout 5 --cmdline bench=cpuid "$FLOOD" >/dev/null 2>&1
	kb=$(tail -n 1 "$TMP/refhv.rss")
	if [ "$kb" -lt $(( (256 + 32) * 1024 )) ]; then pass "flood-refhv-rss (${kb} KiB)"; else
		fail "flood-refhv-rss" "${kb} KiB resident, bound $(( (256 + 32) * 1024 ))"; fi
else
	skip "flood-rss" "no /usr/bin/time, or the ASan build (its shadow memory is not ours)"
fi
