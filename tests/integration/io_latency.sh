# io_latency.sh - io-latency-out / io-latency-in end to end: `ok` with a
# positive median on every test-bed (refhv's helper thread on the KVM
# ones, our dom0 program on the Xen ones), `unsupported` with its reason
# where nothing serves it (QEMU TCG arm64), and the dom0 program refusing
# bad input.  Boots emulated machines, so it runs once, in the normal
# build's pass.
. "$(dirname "$0")/lib.sh"
if [ "$HVB_VARIANT" = asan ]; then
	skip "io-latency" "runs once, in the normal build's pass"
	exit 0
fi
DB="$TMP/iolat.db"
BENCHES=io-latency-out,io-latency-in

# the dom0 program: usage and missing devices are clear errors, not hangs
for x in hvb-xen-iolat hvb-xen-iolat-aarch64; do
	[ -x "$HVB_BIN/$x" ] || fail "$x-built" "missing in $HVB_BIN"
done
expect "xen-iolat-usage" 2 "$HVB_BIN/hvb-xen-iolat"
expect "xen-iolat-bad-domid" 2 "$HVB_BIN/hvb-xen-iolat" 0 5
expect "xen-iolat-bad-timeout" 2 "$HVB_BIN/hvb-xen-iolat" 3 5x
if [ ! -e /dev/xen/evtchn ]; then
	expect "xen-iolat-no-xen" 3 "$HVB_BIN/hvb-xen-iolat" 3 1
	has "xen-iolat-no-xen-says-why" "$TMP/xen-iolat-no-xen.out" '/dev/xen/gntdev, /dev/xen/evtchn'
fi

# QEMU TCG arm64: no helper, no dom0 program: unsupported, with the reason
if command -v qemu-system-aarch64 >/dev/null; then
	# nothing ok in the run: hvbench exits 1, the results say why
	if expect "iolat-qemu-tcg-aarch64" 1 "$HVBENCH" run --arch aarch64 --backend qemu-tcg \
		--guest "$HVB_BUILD/guest/aarch64/guest.img" --bench "$BENCHES" --batches 3 --db "$DB"; then
		equals "iolat-qemu-unsupported" "$(sql "$DB" "select group_concat(status || ':' || reason, ' ')
			from (select r.status, r.reason from results r join runs using (run_id)
			where backend = 'qemu-tcg' order by benchmark)")" \
			"unsupported:needs-refhv-io-helper unsupported:needs-refhv-io-helper"
	fi
else
	skip "iolat-qemu-tcg-aarch64" "qemu-system-aarch64 missing"
fi

READY=""
for tb in kvm-x86_64 xen-x86_64 kvm-aarch64 xen-aarch64; do
	prepared "$tb" "iolat-testbed-$tb" && READY="$READY $tb"
done
case $READY in *kvm-aarch64*) READY="$READY kvm-aarch64-nvhe" ;; esac
for tb in $READY; do
	EXPECT_TIMEOUT=600 expect "iolat-run-$tb" 0 "$HVBENCH" run --testbed "$tb" \
		--bench "$BENCHES" --batches 5 --timeout 60 --db "$DB" || continue
	for b in io-latency-out io-latency-in; do
		equals "iolat-$tb-$b-ok" "$(sql "$DB" "select status || ':' || (median > 0) || ':' || emulated
			from summary where testbed = '$tb' and benchmark = '$b'")" "ok:1:1"
	done
done
