# hostile.sh - refhv and hvbench survive a hostile guest
# (tests/guests/x86_64/hostile.c, docs/threat-model.md): wild MMIO, huge
# string I/O, bogus report records; a triple fault and an endless loop end
# with a clear status.  Under the ASan build this is the memory-safety
# check of refhv's whole exit path with its seccomp filter on.
. "$(dirname "$0")/lib.sh"

HOSTILE="$TEST_GUESTS/test-hostile.elf"
if ! kvm_usable; then
	skip "hostile-guest" "/dev/kvm is not usable here"
	exit 0
fi
[ -f "$HOSTILE" ] || { fail "hostile-guest" "$HOSTILE not built"; exit 0; }

# Each attack that returns: refhv exits 0 and the guest says it survived.
for mode in mmio stringio reports; do
	if expect "hostile-$mode" 0 "$REFHV" --timeout 120 --cmdline "mode=$mode" "$HOSTILE"; then
		has "hostile-$mode-survived" "$TMP/hostile-$mode.out" "^hostile: $mode survived$"
	fi
done
# Bad report-port writes are refused with a message, never printed.
has "hostile-reports-refused" "$TMP/hostile-reports.out" '^refhv: vcpu 0: report port: gpa 0x[0-9a-f]+: line not inside guest RAM$'
# The 64 lines of one rep outsl all arrive whole.
equals "hostile-rep-outsl-lines" \
	"$(grep -c '^hostile: one of 64 lines from one rep outsl$' "$TMP/hostile-stringio.out")" 64

# --stats and the UART console still work with every attack at once.
if expect "hostile-all-stats" 0 "$REFHV" --timeout 120 --stats --cmdline "mode=all console=uart" "$HOSTILE"; then
	has "hostile-all-done" "$TMP/hostile-all-stats.out" '^hostile: done$'
	has "hostile-all-stats-table" "$TMP/hostile-all-stats.out" '^refhv: +IO out 0xf0 report'
fi

# Never-returning guests end with a clear status: CRASH (4), TIMEOUT (5).
if expect "hostile-triple-fault" 4 "$REFHV" --timeout 60 --cmdline "mode=triple" "$HOSTILE"; then
	has "hostile-triple-message" "$TMP/hostile-triple-fault.out" '^refhv: vcpu 0: (shutdown \(triple fault\)|KVM internal error)'
fi
if expect "hostile-loop-timeout" 5 "$REFHV" --timeout 1 --cmdline "mode=loop" "$HOSTILE"; then
	has "hostile-loop-message" "$TMP/hostile-loop-timeout.out" '^refhv: timeout: guest still running'
fi

# hvbench reading the hostile console: a failed run, clearly stored.
DB="$TMP/hostile.db"
expect "hvbench-hostile-run-fails" 1 "$HVBENCH" run --backend refhv --bench cpuid --batches 2 \
	--timeout 120 --db "$DB" --refhv "$REFHV" --guest "$HOSTILE"
equals "hvbench-hostile-integrity" "$(sql "$DB" 'PRAGMA integrity_check')" ok
equals "hvbench-hostile-run-failed" "$(sql "$DB" 'SELECT status FROM runs')" failed
equals "hvbench-hostile-no-ok-result" "$(sql "$DB" "SELECT count(*) FROM results WHERE status = 'ok'")" 0
