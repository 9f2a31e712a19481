#!/bin/sh
# 4-interrupts.sh - lab 4 (labs/4-interrupts.md): what virtual interrupts
# cost.  x86: ipi (send, roundtrip), eoi, timer-latency and the trapping
# LAPIC read ic-trap on refhv (or qemu-tcg without KVM), tagged with the
# host's APIC virtualization setting (lab4/apicv.txt); arm64: eoi against
# ic-trap (and ipi, timer-latency) in the kvm-aarch64 test-bed, where the
# vGIC's CPU interface takes the EOI without a trap.  eoi/ic-trap per run
# in lab4/ratios.txt, the chart and table lab4/microbench.{png,svg,pdf,md}.
#
#   labs/4-interrupts.sh [--quick] [--db FILE] [-o DIR]
#
# Quick mode: 3 batches; x86 without ipi (two vCPUs on a noisy two-core
# host take longest); arm64 eoi and ic-trap only, when the test-bed is built.
set -u
. "$(dirname "$0")/lib.sh"
labs_init 4 "$@"

if [ $QUICK = 1 ]; then
	BATCHES=3 X86=eoi,ic-trap,timer-latency A64=eoi,ic-trap
else
	BATCHES=15 X86=ipi,eoi,ic-trap,timer-latency A64=ipi,eoi,ic-trap,timer-latency
fi

# The host's APIC virtualization (Intel APICv, AMD AVIC): a KVM module parameter.
apicv=unknown
for p in /sys/module/kvm_intel/parameters/enable_apicv /sys/module/kvm_amd/parameters/avic; do
	[ -r "$p" ] && apicv="$(basename "$(dirname "$(dirname "$p")")").$(basename "$p")=$(cat "$p")"
done
[ -d /sys/module/kvm_pvm ] && apicv="$apicv (kvm_pvm: nested software KVM, no hardware APIC virtualization)"
echo "$apicv" >"$OUT/apicv.txt"
say "APIC virtualization here: $apicv"
case $apicv in *=Y*|*=1*) APICV=on ;; *=N*|*=0*) APICV=off ;; *) APICV=unknown ;; esac

MARK=$(run_mark)
if kvm_usable && [ -x "$REFHV" ]; then X86_BACKEND=refhv; else X86_BACKEND=qemu-tcg; fi
say "x86: hvbench run --backend $X86_BACKEND --bench $X86 --batches $BATCHES --tag apicv=$APICV"
hvb_run --backend "$X86_BACKEND" --bench "$X86" --batches "$BATCHES" --tag apicv="$APICV" >/dev/null || exit 1
if testbed_ready kvm-aarch64; then
	say "arm64: hvbench run --testbed kvm-aarch64 --bench $A64 --batches $BATCHES (emulated)"
	hvb_run --testbed kvm-aarch64 --bench "$A64" --batches "$BATCHES" >/dev/null || exit 1
else
	echo "test-bed kvm-aarch64 is not built ('make testbeds'): no arm64 vGIC run" | tee "$OUT/arm64-skipped.txt"
fi
RUNS=$(runs_since "$MARK")
cat "$OUT"/run-*.txt | grep -v '^hvbench run:' >"$OUT/tables.txt"

q "select run_id, backend, testbed, arch, emulated, benchmark, variant, median, unit, status
   from summary where run_id in ($RUNS) order by run_id, benchmark, variant" >"$OUT/medians.txt"
awk '
{ k = $1; who[k] = $2 "@" $3 " " $4 ($5 == 1 ? " (emulated)" : ""); if ($10 == "ok") m[k, $6 ($7 == "-" ? "" : "/" $7)] = $8 }
function r(k, a, b) { return ((k, a) in m && (k, b) in m && m[k, b] > 0) ? sprintf("%.2f", m[k, a] / m[k, b]) : "-" }
END {
	printf "%-5s %-40s %14s %14s %18s\n", "run", "backend@testbed arch", "eoi/ic-trap", "x2apic/xapic", "ipi roundtrip/send"
	for (k in who) {
		ic = ((k, "ic-trap") in m) ? "ic-trap" : "ic-trap/x2apic"
		printf "%-5s %-40s %14s %14s %18s\n", k, who[k], r(k, "eoi", ic), r(k, "ic-trap/x2apic", "ic-trap/xapic"),
		       r(k, "ipi/roundtrip", "ipi/send")
	}
}' "$OUT/medians.txt" | sort -n >"$OUT/ratios.txt"
cat "$OUT/ratios.txt"

# Earlier runs of this lab with the other APIC virtualization setting?
q "select group_concat(distinct t.value) from run_tags t join run_tags l on l.run_id = t.run_id
   where t.key = 'apicv' and l.key = 'lab' and l.value = '4'" >"$OUT/apicv-settings.txt"
say "apicv settings stored so far: $(cat "$OUT/apicv-settings.txt")"

"$HVBENCH" plot --db "$DB" --where lab=4 -o "$OUT" >"$OUT/plot.txt" 2>&1 ||
	{ cat "$OUT/plot.txt" >&2; die "hvbench plot failed"; }
rm -f "$OUT"/bars-*     # hvbench plot's bar charts ignore --where; microbench.* honours it
grep '^wrote .*microbench' "$OUT/plot.txt"
labs_done
