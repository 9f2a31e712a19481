# hvbench_run.sh - the harness end to end: runs on refhv and QEMU, what is
# stored, show, plot, a hanging guest, and bad input.
. "$(dirname "$0")/lib.sh"
DB="$TMP/results.db"
BENCHES="cpuid pio-out-user mmio-write-user"

# check_ok_rows NAME BACKEND: the latest run on BACKEND has an ok row with a
# positive median for every benchmark.
check_ok_rows() {
	for b in $BENCHES; do
		got=$(sql "$DB" "select status || ':' || (median > 0) from summary
			where backend='$2' and benchmark='$b'
			and run_id = (select max(run_id) from summary where backend='$2')")
		equals "$1-$b-ok" "$got" "ok:1"
	done
}

# ---- refhv (when KVM works), qemu-kvm, qemu-tcg --------------------------------
if kvm_usable; then
	if expect "run-refhv" 0 "$HVBENCH" run --backend refhv $HVB_PATHS --batches 5 --db "$DB"; then
		check_ok_rows run-refhv refhv
		has "run-refhv-prints-run-id" "$TMP/run-refhv.out" '^run [0-9]+ stored in '
	fi
	if command -v qemu-system-x86_64 >/dev/null; then
		expect "run-qemu-kvm" 0 "$HVBENCH" run --backend qemu-kvm $HVB_PATHS --batches 5 --db "$DB" &&
			check_ok_rows run-qemu-kvm qemu-kvm
	else
		fail "run-qemu-kvm" "qemu-system-x86_64 missing"
	fi
else
	skip "run-refhv" "/dev/kvm is not usable here"
	skip "run-qemu-kvm" "/dev/kvm is not usable here"
fi
if expect "run-qemu-tcg" 0 "$HVBENCH" run --backend qemu-tcg $HVB_PATHS --batches 5 --db "$DB"; then
	check_ok_rows run-qemu-tcg qemu-tcg
	equals "qemu-tcg-marked-emulated" \
		"$(sql "$DB" "select distinct emulated from summary where backend='qemu-tcg'")" 1
fi

# tlb-native measures the host itself: an invocation over several backends
# stores it once.  Progress (stderr) and tables (stdout) into one file, as a
# pipe would: every table row stays whole.
if expect "run-all-backends" 0 "$HVBENCH" run --backend all --arch x86_64 --bench cpuid,tlb-native \
	--batches 2 $HVB_PATHS --db "$TMP/once.db"; then
	equals "tlb-native-stored-once" "$(sql "$TMP/once.db" "select count(distinct run_id)
		from summary where benchmark = 'tlb-native'")" 1
	equals "cpuid-on-every-backend" "$(sql "$TMP/once.db" "select count(distinct run_id)
		from summary where benchmark = 'cpuid'")" "$(sql "$TMP/once.db" "select count(*) from runs")"
	rows=$(grep -c '^cpuid ' "$TMP/run-all-backends.out")
	whole=$(grep -Ec '^cpuid +- +[a-z]+ +[-0-9.]+ +[-0-9.]+ +[-0-9.%]+ +cycles +[-0-9.]+$' \
		"$TMP/run-all-backends.out")
	equals "table-rows-whole" "$whole" "$rows"
	has "progress-lines-whole" "$TMP/run-all-backends.out" '^hvbench run: [a-z-]+: cpuid \.\.\.$'
fi

# Every stored number says where it came from.
equals "summary-has-provenance" \
	"$(sql "$DB" "select count(*) from summary where host = '' or host is null
		or guest_sha256 is null or length(guest_sha256) != 64 or testbed is null")" 0
equals "samples-kept" \
	"$(sql "$DB" "select count(*) > 0 from samples where kind = 'empty'")" 1
equals "env-stored" \
	"$(sql "$DB" "select count(*) > 0 from run_env where key like '%hwloc%'")" 1

# ---- show and plot ---------------------------------------------------------------
if expect "show-latest" 0 "$HVBENCH" show --db "$DB" latest; then
	has "show-has-medians" "$TMP/show-latest.out" 'cpuid.*ok'
fi
if expect "plot" 0 "$HVBENCH" plot --db "$DB" -o "$TMP/fig"; then
	for f in bars-x86_64.pdf bars-x86_64.svg bars-x86_64.png; do
		if [ -s "$TMP/fig/$f" ]; then pass "plot-$f"; else fail "plot-$f" "missing or empty"; fi
	done
	equals "plot-png-is-png" "$(head -c 4 "$TMP/fig/bars-x86_64.png" | od -An -c | tr -d ' ')" '211PNG'
fi

# ---- a guest that never finishes: timeout rows, the run still ends (and, since
# nothing could be measured, is stored as failed and hvbench exits 1) ----------
HANG_DB="$TMP/hang.db"
backend=qemu-tcg; kvm_usable && backend=refhv
if expect "run-hang-ends" 1 "$HVBENCH" run --backend $backend --refhv "$REFHV" \
	--guest "$TEST_GUESTS/test-hang.elf" --bench cpuid,pio-out-user --timeout 2 --db "$HANG_DB"; then
	equals "run-hang-timeout-rows" \
		"$(sql "$HANG_DB" "select group_concat(status) from (select status from summary order by benchmark)")" \
		"timeout,timeout"
	equals "run-hang-run-failed" "$(sql "$HANG_DB" "select status from runs")" "failed"
fi

# ---- bad input --------------------------------------------------------------------
expect "bad-command" 2 "$HVBENCH" no-such-command
expect "bad-flag" 2 "$HVBENCH" run --no-such-flag
expect "bad-backend" 2 "$HVBENCH" run --backend warp-drive --db "$TMP/x.db"
expect "bad-bench" 2 "$HVBENCH" run --bench no-such-bench --db "$TMP/x.db"
printf 'precious data, not a database\n%.0s' $(seq 1 100) > "$TMP/precious.txt"
cp "$TMP/precious.txt" "$TMP/precious.orig"
timeout 60 "$HVBENCH" show --db "$TMP/precious.txt" latest >"$TMP/foreign.out" 2>&1
rc=$?
if [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ]; then pass "foreign-db-refused"; else fail "foreign-db-refused" "exit $rc"; fi
has "foreign-db-message" "$TMP/foreign.out" '[Dd]atabase|SQLite|not an hvbench'
if cmp -s "$TMP/precious.txt" "$TMP/precious.orig"; then pass "foreign-db-untouched"; else fail "foreign-db-untouched" "file changed"; fi
