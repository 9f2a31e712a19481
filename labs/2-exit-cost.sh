#!/bin/sh
# 2-exit-cost.sh - lab 2 (labs/2-exit-cost.md): what an exit costs when KVM
# completes it in the kernel (cpuid, pio-out-kernel and mmio-write-kernel
# through an ioeventfd) and when it goes out to the VMM's userspace
# (pio-out-user, mmio-write-user); on every backend usable here, plus the
# kvm-x86_64 test-bed when it is built (full mode); the ratios user/kernel
# per backend in lab2/ratios.txt, the chart and table lab2/microbench.{png,svg,pdf,md},
# and refhv's own share of a userspace exit (--stats) in lab2/refhv-stats.txt.
#
#   labs/2-exit-cost.sh [--quick] [--db FILE] [-o DIR]
#
# Quick mode: refhv only (or qemu-tcg without KVM), 5 batches.
set -u
. "$(dirname "$0")/lib.sh"
labs_init 2 "$@"

BENCH=cpuid,pio-out-kernel,mmio-write-kernel,pio-out-user,mmio-write-user
if [ $QUICK = 1 ]; then
	BATCHES=5
	if kvm_usable; then BACKENDS=refhv; else BACKENDS=qemu-tcg; fi
else
	BATCHES=15
	BACKENDS=all
fi

say "hvbench run --backend $BACKENDS --bench $BENCH --batches $BATCHES"
MARK=$(run_mark)
hvb_run --backend "$BACKENDS" --bench "$BENCH" --batches "$BATCHES" >/dev/null || exit 1
if [ $QUICK = 0 ] && testbed_ready kvm-x86_64; then
	say "the same in the kvm-x86_64 test-bed (emulated)"
	hvb_run --testbed kvm-x86_64 --bench "$BENCH" --batches "$BATCHES" >/dev/null
elif [ $QUICK = 0 ]; then
	say "test-bed kvm-x86_64 not built ('make testbeds'): left out"
fi
RUNS=$(runs_since "$MARK")
cat "$OUT"/run-*.txt | grep -v '^hvbench run:' >"$OUT/tables.txt"

# Per run: each benchmark's median in ns (cycles when the tick rate is
# unknown), and the ratios the page asks about.
q "select s.run_id, s.backend, s.testbed, s.emulated, s.benchmark, s.median, s.unit, s.status
   from summary s where s.run_id in ($RUNS) order by s.run_id, s.benchmark" >"$OUT/medians.txt"
awk '
{ key = $1; name[key] = $2 "@" $3 ($4 == 1 ? " (emulated)" : ""); if ($8 == "ok") m[key, $5] = $6 }
function ratio(k, a, b) { return ((k, a) in m && (k, b) in m && m[k, b] > 0) ? sprintf("%.1f", m[k, a] / m[k, b]) : "-" }
END {
	printf "%-5s %-34s %16s %16s %18s\n", "run", "backend@testbed", "pio user/kernel", "mmio user/kernel", "pio-out-user/cpuid"
	for (k in name)
		printf "%-5s %-34s %16s %16s %18s\n", k, name[k], ratio(k, "pio-out-user", "pio-out-kernel"),
		       ratio(k, "mmio-write-user", "mmio-write-kernel"), ratio(k, "pio-out-user", "cpuid")
}' "$OUT/medians.txt" | sort -n >"$OUT/ratios.txt"
cat "$OUT/ratios.txt"

if kvm_usable && [ -x "$REFHV" ]; then
	say "refhv --stats: refhv's own time per userspace exit"
	"$REFHV" --timeout 30 --stats --cmdline "console=report bench=pio-out-user batches=3" "$GUEST_X86" \
		>"$OUT/refhv-stats.txt" 2>&1 || echo "refhv --stats failed; see $OUT/refhv-stats.txt" >&2
	grep -E 'exit  |IO out unassigned' "$OUT/refhv-stats.txt"
fi

"$HVBENCH" plot --db "$DB" --where lab=2 --arch x86_64 -o "$OUT" >"$OUT/plot.txt" 2>&1 ||
	{ cat "$OUT/plot.txt" >&2; die "hvbench plot failed"; }
rm -f "$OUT"/bars-*     # hvbench plot's bar charts ignore --where; microbench.* honours it
grep '^wrote .*microbench' "$OUT/plot.txt"
labs_done
