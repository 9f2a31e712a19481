# testbeds.sh - the emulated test-beds end to end: `hvbench run --testbed
# all` boots each test-bed under QEMU TCG and stores the same benchmarks for
# KVM and Xen on x86-64 and arm64, from the same two guest binaries, marked
# emulated; then the four-way figure is drawn.  The test-beds themselves
# are fetched and built by make check's set-up step
# (scripts/prepare-testbeds.sh) before any test runs.
#
# It boots whole emulated machines (minutes), so it runs once, against the
# normal build: the guests and refhv inside the test-beds are the same
# files either way.
. "$(dirname "$0")/lib.sh"
if [ "$HVB_VARIANT" = asan ]; then
	skip "testbeds" "runs once, in the normal build's pass"
	exit 0
fi
DB="$TMP/tb.db"
BENCHES=hypercall,eoi,mmio-write-user

expect "testbed-list" 0 "$HVBENCH" testbed list
expect "testbed-unknown" 2 "$HVBENCH" testbed build no-such-bed
expect "run-testbed-unknown" 2 "$HVBENCH" run --testbed no-such-bed --db "$DB"

# The test-beds were fetched and built by the set-up step (make check runs
# scripts/prepare-testbeds.sh first); one that could not be is skipped with
# its reason, and the others still run.  kvm-aarch64-nvhe is kvm-aarch64
# booted in split mode.
READY="" MISSING=0
for tb in kvm-x86_64 xen-x86_64 kvm-aarch64 xen-aarch64; do
	if prepared "$tb" "testbed-$tb"; then READY="$READY $tb"; else MISSING=1; fi
done
case $READY in *kvm-aarch64*) READY="$READY kvm-aarch64-nvhe" ;; esac
[ -n "$READY" ] || exit 0
# Booting five emulated machines: the watchdog covers boots, not downloads.
if [ "$MISSING" = 0 ]; then
	EXPECT_TIMEOUT=900 expect "run-testbed-all" 0 "$HVBENCH" run --testbed all --bench "$BENCHES" \
		--batches 3 --timeout 60 --db "$DB"
else
	for tb in $READY; do
		EXPECT_TIMEOUT=600 expect "run-testbed-$tb" 0 "$HVBENCH" run --testbed "$tb" \
			--bench "$BENCHES" --batches 3 --timeout 60 --db "$DB"
	done
fi
ran=$(sql "$DB" "select count(*) from runs" 2>/dev/null || echo 0)
if [ "${ran:-0}" -gt 0 ]; then
	for tb in $READY; do
		for b in hypercall mmio-write-user; do
			equals "$tb-$b-ok" "$(sql "$DB" "select status || ':' || (median > 0) from summary
				where testbed = '$tb' and benchmark = '$b'")" "ok:1"
		done
		equals "$tb-emulated" "$(sql "$DB" "select distinct emulated from summary where testbed='$tb'")" 1
	done
fi
if [ "$MISSING" != 0 ]; then
	skip "testbed-four-way" "needs all four test-beds, see the skips above"
elif [ "${ran:-0}" -gt 0 ]; then
	# arm64: Xen injects a data abort for the unbacked store (noted on the
	# result); KVM exits to refhv (no note)
	equals "mmio-abort-noted" "$(sql "$DB" "select group_concat(testbed || ':' ||
		coalesce(reason, '-'), ' ') from (select s.testbed, r.reason from summary s join results r
		on r.result_id = s.result_id where s.arch = 'aarch64' and s.benchmark = 'mmio-write-user'
		order by s.testbed)")" \
		"kvm-aarch64:- kvm-aarch64-nvhe:- xen-aarch64:data-abort-not-an-exit"
	equals "xen-version-recorded" "$(sql "$DB" "select count(*) from runs
		where hypervisor = 'xen' and hypervisor_version like '4.17%'")" 2
	equals "nvhe-recorded" "$(sql "$DB" "select value from run_env join runs using (run_id)
		where testbed = 'kvm-aarch64-nvhe' and key = 'testbed.kvm_mode'")" "nvhe"
	equals "vhe-recorded" "$(sql "$DB" "select value from run_env join runs using (run_id)
		where testbed = 'kvm-aarch64' and key = 'testbed.kvm_mode'")" "vhe"
	# what explains the numbers, detected inside each test-bed (mechanisms.sh)
	equals "mech-vhe" "$(sql "$DB" "select value from run_env join runs using (run_id)
		where testbed = 'kvm-aarch64' and key = 'testbed.mech.kvm_mode'")" "vhe"
	equals "mech-nvhe" "$(sql "$DB" "select value from run_env join runs using (run_id)
		where testbed = 'kvm-aarch64-nvhe' and key = 'testbed.mech.kvm_mode'")" "nvhe"
	equals "mech-gic" "$(sql "$DB" "select value from run_env join runs using (run_id)
		where testbed = 'kvm-aarch64' and key = 'testbed.mech.gic'")" "v3"
	equals "mech-x86-npt" "$(sql "$DB" "select value from run_env join runs using (run_id)
		where testbed = 'kvm-x86_64' and key = 'testbed.mech.npt'")" "Y"
	equals "mech-xen-scheduler" "$(sql "$DB" "select count(*) > 0 from run_env join runs using (run_id)
		where testbed = 'xen-x86_64' and key = 'testbed.mech.xen_scheduler' and value <> '-'")" 1
	equals "mech-host" "$(sql "$DB" "select count(*) > 0 from run_env where key = 'mech.kvm_module'")" 1
	equals "mech-apicv-inhibit-trace" "$(sql "$DB" "select value from run_env join runs using (run_id)
		where testbed = 'kvm-x86_64' and key = 'testbed.mech.apicv_inhibit_trace'")" "yes"
	# the inhibits KVM reported through that tracepoint: kvm_amd runs with
	# avic=N here, so reason 0 (disabled by the module parameter) is set
	has_reason=$(sql "$DB" "select value from run_env join runs using (run_id)
		where testbed = 'kvm-x86_64' and key = 'testbed.apicv_inhibit_reasons'")
	case "+$has_reason+" in
	*+0+*) pass "mech-apicv-inhibit-reasons" ;;
	*) fail "mech-apicv-inhibit-reasons" "got '$has_reason', wanted reason 0 among them" ;;
	esac
	# `all` is Debian 12's test-beds; each run says so, with its package versions
	equals "release-recorded" "$(sql "$DB" "select count(*) from run_versions where release = 'bookworm'
		and kernel like '6.1.%' and qemu is not null")" "$(sql "$DB" "select count(*) from runs")"
	# The same guest binary on KVM and Xen: one SHA-256 per architecture.
	equals "one-guest-per-arch" "$(sql "$DB" "select group_concat(n) from (select count(distinct
		guest_sha256) as n from runs group by arch)")" "1,1"
	equals "x86-guest-hash" "$(sql "$DB" "select distinct guest_sha256 from runs where arch='x86_64'")" \
		"$(sha256sum "$GUEST" | cut -d' ' -f1)"
	if expect "plot-four-way" 0 "$HVBENCH" plot --db "$DB" -o "$TMP/fig"; then
		for f in microbench.png microbench.md microbench.tex; do
			if [ -s "$TMP/fig/$f" ]; then pass "four-way-$f"; else fail "four-way-$f" "missing"; fi
		done
		has "four-way-table-columns" "$TMP/fig/microbench.md" 'x86-64 Xen.*arm64 KVM.*arm64 Xen'
	fi
fi
