#!/bin/sh
# 6-four-way.sh - lab 6 (labs/6-four-way.md): KVM against Xen on x86-64
# and on arm64 (the book's chapter 8), in the four emulated test-beds
# kvm-x86_64, xen-x86_64, kvm-aarch64 and xen-aarch64; per architecture
# xen/kvm per benchmark in lab6/ratios.txt, what each test-bed is
# (lab6/testbeds.txt), the four-way table and chart lab6/microbench.*.
# Every number here is an emulation cost (QEMU TCG) and is marked so.
#
#   labs/6-four-way.sh [--quick] [--db FILE] [-o DIR]
#
# Quick mode: hypercall and mmio-write-user, 3 batches.
set -u
. "$(dirname "$0")/lib.sh"
labs_init 6 "$@"

if [ $QUICK = 1 ]; then
	BATCHES=3 BENCH=hypercall,mmio-write-user
else
	BATCHES=15 BENCH=hypercall,mmio-write-user,ic-trap,eoi,ipi,timer-latency
fi

MARK=$(run_mark)
for tb in kvm-x86_64 xen-x86_64 kvm-aarch64 xen-aarch64; do
	if ! testbed_ready $tb; then
		echo "test-bed $tb is not built ('make testbeds'): left out" | tee -a "$OUT/missing.txt"
		continue
	fi
	say "hvbench run --testbed $tb --bench $BENCH --batches $BATCHES (emulated)"
	hvb_run --testbed $tb --bench "$BENCH" --batches "$BATCHES" >/dev/null || exit 1
done
RUNS=$(runs_since "$MARK")
[ -n "$RUNS" ] || die "no test-bed is built: 'make testbeds' first"
cat "$OUT"/run-*.txt | grep -v '^hvbench run:' >"$OUT/tables.txt"

q "select r.run_id, r.testbed, r.arch, r.hypervisor, r.emulated,
   (select group_concat(key || '=' || value, ' ') from run_env e where e.run_id = r.run_id
    and e.key in ('testbed.xen_version', 'testbed.xen_scheduler', 'testbed.kvm_mode', 'testbed.kernel', 'testbed.accel'))
   from runs r where r.run_id in ($RUNS) order by r.run_id" >"$OUT/testbeds.txt"
echo "the test-beds (run, test-bed, arch, hypervisor, emulated, details):"
cat "$OUT/testbeds.txt"

# xen/kvm per architecture and benchmark, with each side's status and
# reason: an arm64 mmio-write-user under Xen is an injected data abort
# (data-abort-not-an-exit), not an exit, and the table says so.
q "select s.arch, s.testbed, s.benchmark, s.variant, coalesce(s.median, 0), s.unit, s.status, coalesce(s.reason, '-')
   from summary s where s.run_id in ($RUNS)" | awk '
{ b = $1 " " $3 ($4 == "-" ? "" : "/" $4); hv = ($2 ~ /^xen/) ? "xen" : "kvm"
  if ($7 == "ok") m[b, hv] = $5; st[b, hv] = $7 ($8 == "-" ? "" : ":" $8); u[b] = $6; names[b] = 1 }
END {
	for (b in names) {
		split(b, p, " ")
		k = ((b, "kvm") in m) ? m[b, "kvm"] : ""; x = ((b, "xen") in m) ? m[b, "xen"] : ""
		note = ""
		if ((b, "kvm") in st && st[b, "kvm"] != "ok") note = note "kvm " st[b, "kvm"] " "
		if ((b, "xen") in st && st[b, "xen"] != "ok") note = note "xen " st[b, "xen"]
		printf "%-8s %-20s %12s %12s %9s  %s\n", p[1], p[2] " [" u[b] "]", k == "" ? "-" : k, x == "" ? "-" : x,
		       (k != "" && x != "" && k > 0) ? sprintf("%.2f", x / k) : "-", note
	}
}' | sort >"$OUT/ratios.body"
{ printf "%-8s %-20s %12s %12s %9s  %s\n" arch benchmark kvm xen xen/kvm notes; cat "$OUT/ratios.body"; } >"$OUT/ratios.txt"
rm -f "$OUT/ratios.body"
cat "$OUT/ratios.txt"

"$HVBENCH" plot --db "$DB" --where lab=6 -o "$OUT" >"$OUT/plot.txt" 2>&1 ||
	{ cat "$OUT/plot.txt" >&2; die "hvbench plot failed"; }
rm -f "$OUT"/bars-*     # hvbench plot's bar charts ignore --where; microbench.* honours it
grep '^wrote .*microbench' "$OUT/plot.txt"
labs_done
