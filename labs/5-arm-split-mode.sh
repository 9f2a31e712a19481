#!/bin/sh
# 5-arm-split-mode.sh - lab 5 (labs/5-arm-split-mode.md): KVM/arm64 with
# the Virtualization Host Extensions (VHE: the host kernel itself runs at
# EL2) against split mode (nVHE: a small hypervisor at EL2, the host kernel
# at EL1, a world switch on every exit KVM's host side handles), Dall et
# al., USENIX ATC 2017.  The same benchmarks in the kvm-aarch64 and
# kvm-aarch64-nvhe test-beds (emulated, QEMU TCG); nvhe/vhe per benchmark
# in lab5/ratios.txt, the chart and table lab5/microbench.*.
#
#   labs/5-arm-split-mode.sh [--quick] [--db FILE] [-o DIR]
#
# Quick mode: hypercall and ic-trap, 3 batches.
set -u
. "$(dirname "$0")/lib.sh"
labs_init 5 "$@"

if [ $QUICK = 1 ]; then
	BATCHES=3 BENCH=hypercall,ic-trap
else
	BATCHES=15 BENCH=hypercall,ic-trap,mmio-write-user,mmio-write-kernel,eoi,ipi,timer-latency
fi
testbed_ready kvm-aarch64 || die "test-bed kvm-aarch64 is not built: 'make testbeds' first (both modes use it)"

MARK=$(run_mark)
for tb in kvm-aarch64 kvm-aarch64-nvhe; do
	say "hvbench run --testbed $tb --bench $BENCH --batches $BATCHES (emulated)"
	hvb_run --testbed "$tb" --bench "$BENCH" --batches "$BATCHES" >/dev/null || exit 1
done
RUNS=$(runs_since "$MARK")
cat "$OUT"/run-*.txt | grep -v '^hvbench run:' >"$OUT/tables.txt"

# Which KVM mode each test-bed really initialised (its dmesg, testbed.* keys).
q "select r.run_id, r.testbed, e.value from runs r left join run_env e on e.run_id = r.run_id
   and e.key = 'testbed.kvm_mode' where r.run_id in ($RUNS) order by r.run_id" >"$OUT/kvm-mode.txt"
echo "KVM mode per run (run, test-bed, mode):"
cat "$OUT/kvm-mode.txt"

q "select s.testbed, s.benchmark, s.variant, s.median from summary s
   where s.run_id in ($RUNS) and s.status = 'ok'" | awk '
{ b = $2 ($3 == "-" ? "" : "/" $3); m[$1, b] = $4; names[b] = 1 }
END {
	for (b in names) {
		v = ((("kvm-aarch64", b) in m)) ? m["kvm-aarch64", b] : ""
		n = ((("kvm-aarch64-nvhe", b) in m)) ? m["kvm-aarch64-nvhe", b] : ""
		printf "%-20s %14s %14s %10s\n", b, v == "" ? "-" : v, n == "" ? "-" : n,
		       (v != "" && n != "" && v > 0) ? sprintf("%.2f", n / v) : "-"
	}
}' | sort >"$OUT/ratios.body"
{ printf "%-20s %14s %14s %10s\n" benchmark "vhe ticks" "nvhe ticks" nvhe/vhe; cat "$OUT/ratios.body"; } >"$OUT/ratios.txt"
rm -f "$OUT/ratios.body"
cat "$OUT/ratios.txt"

"$HVBENCH" plot --db "$DB" --where lab=5 --arch aarch64 -o "$OUT" >"$OUT/plot.txt" 2>&1 ||
	{ cat "$OUT/plot.txt" >&2; die "hvbench plot failed"; }
rm -f "$OUT"/bars-*     # hvbench plot's bar charts ignore --where; microbench.* honours it
grep '^wrote .*microbench' "$OUT/plot.txt"
labs_done
