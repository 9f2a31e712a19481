#!/bin/sh
# isca16.sh - `hvbench run --study isca16`, the four-way table of Dall et
# al. (ISCA 2016): its bad input, then one whole study on every test-bed
# (and this host's KVM when /dev/kvm is usable): the printed table with its
# seven rows, the markdown file, the figure, the runs tagged with one study
# id, one guest image per architecture, every test-bed cell measured, and
# `hvbench report --study isca16` printing the same table from the store.
#
# The study boots the five emulated test-beds (about two minutes with few
# batches), so it runs once, in the normal build's pass.
. "$(dirname "$0")/lib.sh"
DB="$TMP/isca16.db"

# ---- bad input: usage errors, nothing stored --------------------------------
expect "isca16-unknown-study" 2 "$HVBENCH" run --study isca15 --db "$DB"
expect "isca16-no-bench-list" 2 "$HVBENCH" run --study isca16 --bench cpuid --db "$DB"
expect "isca16-no-arch" 2 "$HVBENCH" run --study isca16 --arch x86_64 --db "$DB"
expect "isca16-unknown-testbed" 2 "$HVBENCH" run --study isca16 --testbed kvm-x86_64,nope --db "$DB"
expect "isca16-list-needs-study" 2 "$HVBENCH" run --testbed kvm-x86_64,xen-x86_64 --db "$DB"
expect "isca16-out-needs-study" 2 "$HVBENCH" run --out "$TMP/o" --bench cpuid --db "$DB"
expect "isca16-report-runs-and-study" 2 "$HVBENCH" report --study isca16 latest -o "$TMP/r" --db "$DB"
[ -e "$DB" ] && fail "isca16-bad-input-stores-nothing" "$DB exists" ||
	pass "isca16-bad-input-stores-nothing"
"$HVBENCH" run --backend qemu-tcg --bench cpuid --batches 2 --db "$DB" >/dev/null 2>&1
expect "isca16-report-no-study" 1 "$HVBENCH" report --study isca16 -o "$TMP/r" --db "$DB"
has "isca16-report-no-study-says" "$TMP/isca16-report-no-study.out" 'no isca16 study in the database'

if [ "$HVB_VARIANT" = asan ]; then
	skip "isca16-study" "runs once, in the normal build's pass"
	exit 0
fi
TESTBEDS="kvm-x86_64 xen-x86_64 kvm-aarch64 xen-aarch64"
for tb in $TESTBEDS; do
	prepared "$tb" "isca16-study-$tb" || exit 0
done

# ---- one whole study ------------------------------------------------------------
OUT="$TMP/out"
EXPECT_TIMEOUT=1500 expect "isca16-study" 0 "$HVBENCH" run --study isca16 --batches 3 --timeout 60 \
	--db "$DB" --out "$OUT"
LOG="$TMP/isca16-study.out"
has "isca16-summary-line" "$LOG" '^isca16 study [0-9TZ]+-[0-9]+: [0-9]+ of [0-9]+ cells ok'
for label in "Hypercall" "Interrupt controller trap" "Virtual IPI" "Virtual IRQ completion" \
	"VM switch" "I/O latency out" "I/O latency in"; do
	has "isca16-row-$(echo "$label" | tr ' /' '--')" "$LOG" "^$label  "
done
for col in "ARM KVM \(VHE\) \[emulated\]" "ARM KVM \(nVHE\) \[emulated\]" "ARM Xen \[emulated\]" \
	"x86 KVM \[emulated\]" "x86 Xen \[emulated\]"; do
	has "isca16-column-$(echo "$col" | tr -cd 'A-Za-z0-9')" "$LOG" "^operation .*$col"
done
if kvm_usable; then
	has "isca16-host-column" "$LOG" '^operation .*x86 KVM \[this host\]'
fi
has "isca16-x86-one-guest" "$LOG" '^x86_64 guest: sha256 [0-9a-f]{64}, the same in all'
has "isca16-arm-one-guest" "$LOG" '^aarch64 guest: sha256 [0-9a-f]{64}, the same in all'
has "isca16-notes-vhe" "$LOG" 'KVM in VHE mode'
has "isca16-notes-nvhe" "$LOG" 'KVM in nVHE mode'
has "isca16-notes-xen-scheduler" "$LOG" "VM switch by Xen's [a-z0-9]+ scheduler"

# the runs: one per column, all tagged with the one study id
ID=$(sed -n 's/^isca16 study \([^:]*\):.*/\1/p' "$LOG")
COLUMNS=5; kvm_usable && COLUMNS=6
equals "isca16-runs-tagged" "$(sql "$DB" "select count(*) from run_tags where key = 'study_id' and value = '$ID'")" \
	"$COLUMNS"
equals "isca16-one-guest-per-arch" "$(sql "$DB" "select count(distinct arch || guest_sha256) from runs r
	join run_tags t on t.run_id = r.run_id and t.key = 'study_id' and t.value = '$ID'")" 2
# every cell of the five test-bed columns measured (7 rows x 5 columns)
equals "isca16-testbed-cells-ok" "$(sql "$DB" "select count(*) from results s join runs r using (run_id)
	join run_tags t on t.run_id = r.run_id and t.key = 'study_id' and t.value = '$ID'
	where r.emulated = 1 and s.status = 'ok' and s.median is not null and (
	  (s.benchmark in ('hypercall', 'eoi', 'vm-switch', 'io-latency-out', 'io-latency-in') and s.variant = '-')
	  or (s.benchmark = 'ic-trap' and s.variant = (case r.arch when 'x86_64' then 'xapic' else '-' end))
	  or (s.benchmark = 'ipi' and s.variant = 'roundtrip'))")" 35

# the files
MD="$OUT/isca16.md"
has "isca16-md-header" "$MD" '^\| operation \| ARM KVM \(VHE\) \[emulated\] \|'
equals "isca16-md-rows" "$(grep -c '^| ' "$MD")" 8   # the header and seven rows
for ext in pdf svg png; do
	if [ -s "$OUT/isca16.$ext" ]; then pass "isca16-figure-$ext"; else fail "isca16-figure-$ext" "missing"; fi
done

# the same table again, from the store alone
expect "isca16-report" 0 "$HVBENCH" report --study isca16 --db "$DB" -o "$TMP/again"
sed -n '/^isca16 study /,/^columns:/p' "$LOG" >"$TMP/table.run"
sed -n '/^isca16 study /,/^columns:/p' "$TMP/isca16-report.out" >"$TMP/table.report"
if [ -s "$TMP/table.run" ] && cmp -s "$TMP/table.run" "$TMP/table.report"; then
	pass "isca16-report-same-table"
else
	fail "isca16-report-same-table" "$(diff "$TMP/table.run" "$TMP/table.report" | head -5)"
fi
if cmp -s "$MD" "$TMP/again/isca16.md"; then pass "isca16-report-same-markdown"; else
	fail "isca16-report-same-markdown" "differs"; fi
exit 0
