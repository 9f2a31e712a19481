# tlb_arm64.sh - tlb-nested and tlb-native on arm64, reduced so make check
# stays quick (the full sweep: docs/hacking.md, "The TLB sweep on arm64"):
#  - QEMU TCG boots the arm64 guest with 48 MiB: the small working sets
#    run, the large ones are refused as needs-more-ram, and the guest ends;
#  - the native runner (build/bin/tlb-native-aarch64) under qemu-aarch64
#    user mode: its records, and a clear error for bad input;
#  - inside kvm-aarch64, run.sh with --backing thp and a small RAM runs the
#    sweep's small variants under refhv and the native runner in the
#    test-bed's own Linux;
#  - hvbench stores the reduced sweep (--mem 48, one batch) from
#    kvm-aarch64 with the host half of each variant (h4k, h2m), the
#    refused large sets, tlb-native as aarch64 rows of
#    that test-bed, and the THP mode; under xen-aarch64 tlb-native is
#    unsupported (its dom0 is a guest).  (The host half "hxen" under Xen:
#    tests/unit/harness_tlb_sweep.c.)
# Behaviour only: no timing is checked.
. "$(dirname "$0")/lib.sh"
IMG="$HVB_BUILD/guest/aarch64/guest.img"
FAST="batches=2 warmup=0 batch_ticks=65536"
SMALL="g4k-4k g2m-4k g4k-64k g2m-64k g4k-1m g2m-1m g4k-16m g2m-16m"
BIG="g4k-64m g2m-64m g4k-256m g2m-256m g4k-1g g2m-1g"

# ---- QEMU TCG: always ------------------------------------------------------------
if command -v qemu-system-aarch64 >/dev/null; then
	if expect "tcg-tlb-nested" 0 timeout 120 qemu-system-aarch64 -accel tcg -M virt,gic-version=3 \
		-cpu max -m 48M -nodefaults -nographic -serial stdio -kernel "$IMG" \
		-append "console=uart bench=tlb-nested $FAST"; then
		for v in $SMALL; do
			has "tcg-tlb-$v-ok" "$TMP/tcg-tlb-nested.out" "^HVB end bench=tlb-nested variant=$v status=ok$"
		done
		for v in $BIG; do
			has "tcg-tlb-$v-refused" "$TMP/tcg-tlb-nested.out" \
				"^HVB end bench=tlb-nested variant=$v status=unsupported reason=needs-more-ram$"
		done
		has "tcg-tlb-done" "$TMP/tcg-tlb-nested.out" '^HVB done benches=14$'
		equals "tcg-tlb-samples" "$(grep -c '^HVB sample bench=tlb-nested .* kind=op ' \
			"$TMP/tcg-tlb-nested.out")" 16
	fi
else
	fail "tlb-arm64-qemu" "qemu-system-aarch64 missing (scripts/install-deps.sh installs it)"
fi

# ---- the native runner under qemu-aarch64 (user mode): its records and bad input ----
NATIVE="$HVB_BUILD/bin/tlb-native-aarch64"
if command -v qemu-aarch64 >/dev/null; then
	if expect "native-user-mode" 0 qemu-aarch64 "$NATIVE" "bench=tlb-native $FAST"; then
		has "native-hello" "$TMP/native-user-mode.out" '^HVB hello proto=1 arch=aarch64 build=0 tick=cntvct .* boot=linux$'
		# 2m variants may carry the note thp-not-granted (user mode has no THP of its own)
		equals "native-ends" "$(grep -Ec "^HVB end bench=tlb-native variant=[42][km]-[0-9]+[kmg] status=ok( reason=thp-(not-granted|unknown))?$" \
			"$TMP/native-user-mode.out")" 14
		has "native-done" "$TMP/native-user-mode.out" '^HVB done benches=14$'
	fi
	expect "native-bad-option" 1 qemu-aarch64 "$NATIVE" "batches=0"
	has "native-bad-option-said" "$TMP/native-bad-option.out" '^HVB error msg=bad-option$'
	expect "native-unknown-bench" 1 qemu-aarch64 "$NATIVE" "bench=cpuid"
	has "native-unknown-bench-said" "$TMP/native-unknown-bench.out" '^HVB error msg=unknown-benchmark$'
	expect "native-extra-argument" 1 qemu-aarch64 "$NATIVE" "batches=2" "surplus"
else
	fail "tlb-arm64-native-user-mode" "qemu-aarch64 missing (scripts/install-deps.sh installs qemu-user)"
fi

# ---- the test-beds: once, in the normal build's pass --------------------------------
if [ "$HVB_VARIANT" = asan ]; then
	skip "tlb-arm64-testbeds" "runs once, in the normal build's pass"
	exit 0
fi
prepared kvm-aarch64 "tlb-arm64-kvm-aarch64" || exit 0
if expect "runsh-tlb" 0 "$HVB_TOP/testbeds/run.sh" kvm-aarch64 --timeout 120 --mem 48 --backing thp \
	--cmdline "console=report cpus=1 $FAST" "$IMG" tlb-nested tlb-native; then
	for v in $SMALL; do
		has "runsh-tlb-$v-ok" "$TMP/runsh-tlb.out" "^HVB end bench=tlb-nested variant=$v status=ok$"
	done
	has "runsh-tlb-64m-refused" "$TMP/runsh-tlb.out" \
		'^HVB end bench=tlb-nested variant=g4k-64m status=unsupported reason=needs-more-ram$'
	has "runsh-tlb-framed" "$TMP/runsh-tlb.out" '^HVBTB end bench=tlb-nested status=0$'
	# the native runner: the same records, from the test-bed's Linux
	has "runsh-native-hello" "$TMP/runsh-tlb.out" '^HVB hello proto=1 arch=aarch64 .* boot=linux$'
	for v in 4k-4k 4k-16m 2m-16m 2m-256m; do
		has "runsh-native-$v" "$TMP/runsh-tlb.out" "^HVB end bench=tlb-native variant=$v status=ok"
	done
	has "runsh-native-framed" "$TMP/runsh-tlb.out" '^HVBTB end bench=tlb-native status=0$'
	has "runsh-thp-recorded" "$TMP/runsh-tlb.out" '^HVBTB info thp=(always|madvise|never)$'
fi
expect "runsh-backing-bad" 1 "$HVB_TOP/testbeds/run.sh" kvm-aarch64 --backing 1g "$IMG" tlb-nested

# --mem 48: the reduced sweep (16 MiB and below) through the harness, both host pages
DB="$TMP/tlb.db"
if EXPECT_TIMEOUT=900 expect "run-kvm-aarch64-tlb" 0 "$HVBENCH" run --testbed kvm-aarch64 \
	--bench tlb-nested,tlb-native --batches 1 --mem 48 --db "$DB"; then
	equals "kvm-tlb-nested-rows" "$(sql "$DB" "select count(*) || ':' || sum(status = 'ok') from summary
		where benchmark = 'tlb-nested' and testbed = 'kvm-aarch64' and emulated = 1")" "28:16"
	equals "kvm-tlb-nested-refused" "$(sql "$DB" "select count(*) from results where
		benchmark = 'tlb-nested' and status = 'unsupported' and reason = 'needs-more-ram'")" 12
	equals "kvm-tlb-host-halves" "$(sql "$DB" "select group_concat(h, ',') from (select distinct
		substr(variant, 5, 3) as h from summary where benchmark = 'tlb-nested' order by h)")" "h2m,h4k"
	equals "kvm-tlb-native-rows" "$(sql "$DB" "select count(*) || ':' || min(arch) || ':' || min(unit)
		from summary where benchmark = 'tlb-native' and testbed = 'kvm-aarch64'")" "14:aarch64:ticks"
	# the test-bed's Linux has about 500 MiB free: 1 GiB is refused, not OOM-killed
	equals "kvm-tlb-native-256m-ran" "$(sql "$DB" "select count(*) from summary where
		benchmark = 'tlb-native' and variant in ('4k-256m', '2m-256m') and status = 'ok'
		and median > 0")" 2
	equals "kvm-tlb-native-1g-refused" "$(sql "$DB" "select group_concat(r.status || ':' || r.reason, ' ')
		from results r where benchmark = 'tlb-native' and variant in ('4k-1g', '2m-1g')")" \
		"unsupported:needs-more-ram unsupported:needs-more-ram"
	# the native runner booted first, but the run's hello is the guest's
	equals "kvm-tlb-run-hello-from-guest" "$(sql "$DB" "select guest_build_id <> '0' from runs
		where testbed = 'kvm-aarch64'")" 1
	equals "kvm-tlb-thp-env" "$(sql "$DB" "select count(*) from run_env where key = 'testbed.thp'
		and value in ('always', 'madvise', 'never')")" 1
fi
if prepared xen-aarch64 "tlb-arm64-xen-aarch64" &&
	EXPECT_TIMEOUT=600 expect "run-xen-aarch64-native" 0 "$HVBENCH" run --testbed xen-aarch64 \
		--bench tlb-native,hypercall --batches 1 --db "$DB"; then
	equals "xen-tlb-native-unsupported" "$(sql "$DB" "select r.status || ':' || (r.reason like '%dom0 is a guest%')
		from results r join runs using (run_id) where testbed = 'xen-aarch64'
		and benchmark = 'tlb-native'")" "unsupported:1"
fi
