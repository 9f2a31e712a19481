#!/bin/sh
# 3-nested-paging.sh - lab 3 (labs/3-nested-paging.md): the tlb-nested
# pointer-chase sweep in a guest (guest pages 4 KiB / 2 MiB x host pages
# 4 KiB / 2 MiB, working sets 4 KiB .. 1 GiB) against the same chase on
# the host (tlb-native); the table side by side in lab3/sweep.txt, the
# ratios nested/native in lab3/ratios.txt, the figure lab3/tlb.*.
#
#   labs/3-nested-paging.sh [--quick] [--db FILE] [-o DIR]
#
# Needs a usable /dev/kvm (refhv sweeps the host page size); without one
# it runs the sweep under qemu-tcg, whose curve is QEMU's software TLB,
# not a 2D page walk (the page says how to read that).
# Quick mode: 3 batches, and the guest gets 96 MiB instead of 1.3 GiB
# (hvbench run --mem 96), so the nested sweep
# stops at 64 MiB (the larger sets are stored as unsupported/needs-more-ram)
# and takes seconds instead of a minute and a half; full mode 9 batches.
set -u
. "$(dirname "$0")/lib.sh"
labs_init 3 "$@"

if [ $QUICK = 1 ]; then BATCHES=3; else BATCHES=9; fi
if kvm_usable && [ -x "$REFHV" ]; then BACKEND=refhv; else BACKEND=qemu-tcg; fi
EXTRA=""
[ $QUICK = 1 ] && [ $BACKEND = refhv ] && EXTRA="--mem 96 --tag guest-ram=96M"

say "hvbench run --backend $BACKEND --bench tlb-nested,tlb-native --batches $BATCHES"
MARK=$(run_mark)
# shellcheck disable=SC2086
hvb_run --backend "$BACKEND" --bench tlb-nested,tlb-native --batches "$BATCHES" $EXTRA >/dev/null || exit 1
RUNS=$(runs_since "$MARK")
grep -E '^(benchmark|tlb-)' "$OUT/run-1.txt" >"$OUT/table.txt"

# One line per working set: native 4k/2m, then the four nested variants.
q "select benchmark, variant, median from summary where run_id in ($RUNS) and status = 'ok'
   and benchmark in ('tlb-nested', 'tlb-native')" | awk '
function mib(s,  n) { n = s + 0; if (s ~ /k$/) return n / 1024; if (s ~ /g$/) return n * 1024; return n }
{
	n = split($2, p, "-"); size = p[n]; sizes[size] = mib(size)
	col = ($1 == "tlb-native") ? "native-" p[1] : p[1] "-" p[2]
	v[size, col] = $3
}
END {
	ncols = split("native-4k native-2m g4k-h4k g2m-h4k g4k-h2m g2m-h2m", cols, " ")
	printf "%-8s", "set"; for (c = 1; c <= ncols; c++) printf " %10s", cols[c]; printf "\n"
	left = 0; for (s in sizes) { order[s] = sizes[s]; left++ }
	for (; left > 0; left--) {
		best = ""; for (s in order) if (best == "" || order[s] < order[best]) best = s
		printf "%-8s", best
		for (c = 1; c <= ncols; c++) printf " %10s", ((best, cols[c]) in v) ? sprintf("%.1f", v[best, cols[c]]) : "-"
		printf "\n"; delete order[best]
	}
}' >"$OUT/sweep.txt"
echo "cycles per access (medians):"
cat "$OUT/sweep.txt"

# nested / native at each working set, 4 KiB everywhere and 2 MiB everywhere.
awk 'NR == 1 { next }
{ r44 = ($2 > 0 && $4 != "-") ? sprintf("%.2f", $4 / $2) : "-"
  r22 = ($3 > 0 && $7 != "-") ? sprintf("%.2f", $7 / $3) : "-"
  printf "%-8s %22s %22s\n", $1, r44, r22 }
BEGIN { printf "%-8s %22s %22s\n", "set", "g4k-h4k / native-4k", "g2m-h2m / native-2m" }' "$OUT/sweep.txt" >"$OUT/ratios.txt"
cat "$OUT/ratios.txt"

"$HVBENCH" plot --db "$DB" --where lab=3 --arch x86_64 -o "$OUT" >"$OUT/plot.txt" 2>&1 ||
	{ cat "$OUT/plot.txt" >&2; die "hvbench plot failed"; }
rm -f "$OUT"/bars-* "$OUT"/microbench*   # not this lab's (hvbench plot draws them from other runs)
grep '^wrote .*tlb\.' "$OUT/plot.txt"
labs_done
