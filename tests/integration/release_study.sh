# release_study.sh - scripts/release-study.sh in its reduced form: one
# test-bed pair (kvm-aarch64 from Debian 12 and 13), one benchmark, few
# batches.  Checks what the study promises, never the timings: the runs
# alternate A B B A, every run carries the mechanism keys, the release and
# the package versions, the same guest build ran on both, each pair was
# compared (exit status in the report), the history figure orders the
# kernels by version, and the report has a row per benchmark with a
# verdict, the CI and the p of each pair.  Then a differing mechanism key is
# planted and the report must show compare's refusal (exit 3).
#
# It boots emulated machines, so it runs once, against the normal build.
. "$(dirname "$0")/lib.sh"
if [ "$HVB_VARIANT" = asan ]; then
	skip "release-study" "runs once, in the normal build's pass"
	exit 0
fi
prepared kvm-aarch64 "release-study" || exit 0
prepared kvm-aarch64@trixie "release-study" || exit 0
top=${HVB_TOP:-.}
S=$TMP/study
EXPECT_TIMEOUT=600 expect "study-runs" 0 env HVBENCH="$HVBENCH" "$top/scripts/release-study.sh" \
	--testbeds kvm-aarch64 --bench hypercall --batches 5 --rounds 2 --out "$S" || exit 0
DB=$S/study.db
R=$S/report.md

# the order: A B B A, each run tagged with its release and place
equals "study-order" "$(awk -F'\t' 'NR > 1 { printf "%s ", $4 }' "$S/runs.tsv")" \
	"bookworm trixie trixie bookworm "
equals "study-tags" "$(sql "$DB" "select group_concat(value, ' ') from (select value from run_tags
	where key = 'release' order by run_id)")" "bookworm trixie trixie bookworm"
equals "study-testbeds" "$(sql "$DB" "select group_concat(testbed, ' ') from (select testbed from runs
	order by run_id)")" "kvm-aarch64 kvm-aarch64@trixie kvm-aarch64@trixie kvm-aarch64"
# what each run used: release, kernel package (6.1 against 6.12), QEMU
equals "study-versions" "$(sql "$DB" "select group_concat(release || ':' || substr(kernel, 1, 4), ' ')
	from (select release, kernel from run_versions order by run_id)")" \
	"bookworm:6.1. trixie:6.12 trixie:6.12 bookworm:6.1."
equals "study-qemu" "$(sql "$DB" "select count(*) from run_versions where qemu is null")" 0
# every run carries the mechanism keys, on the host and inside the test-bed
equals "study-mech-keys" "$(sql "$DB" "select count(*) from runs r where not exists (select 1
	from run_env e where e.run_id = r.run_id and e.key like 'testbed.mech.%') or not exists
	(select 1 from run_env e where e.run_id = r.run_id and e.key like 'mech.%')")" 0
equals "study-one-guest" "$(sql "$DB" "select count(distinct guest_sha256) from runs")" 1

# the report: per test-bed the software of A and B, the compare exit status
# of each pair, and a row per benchmark with verdict, CIs and p values
has "report-software" "$R" '^- B: Debian trixie, kernel 6\.12'
has "report-order" "$R" '^- order: A run [0-9]+, B run [0-9]+, B run [0-9]+, A run [0-9]+$'
has "report-exit-status" "$R" 'pair 1 \(runs [0-9]+ vs [0-9]+\): exit [01], .*pair 2 .*: exit [01], '
has "report-row" "$R" '^\| hypercall \| - \| ticks \| [0-9.]+ \| [0-9.]+ \| [-+][0-9.]+% \| \[[0-9.]+, [0-9.]+\]; \[[0-9.]+, [0-9.]+\] \| [0-9.e-]+; [0-9.e-]+ \| (no change|\*\*changed: (slower|faster) on trixie\*\*|inconclusive .*) \|$'
has "report-order-explained" "$R" 'alternated A B B A'
has "report-emulated" "$R" 'emulated'
for n in 1 2; do
	equals "pair-$n-status-file" "$(grep -Ec '^[01]$' "$S/compare/kvm-aarch64-$n.status")" 1
done

# the history figure: one series over both kernels, 6.1 before 6.12
if [ -s "$S/history/hypercall-kernel/history.png" ]; then pass "study-history-figure"
else fail "study-history-figure" "no history/hypercall-kernel/history.png"; fi
equals "study-history-one-series" "$(grep -c '^hypercall/- on refhv @ kvm-aarch64,' "$S/history/hypercall-kernel.txt")" 1
equals "study-history-order" "$(awk '$1 ~ /^[0-9]+$/ { print substr($3, 1, 4) }' "$S/history/hypercall-kernel.txt" |
	uniq | tr '\n' ' ')" "6.1. 6.12 "
has "study-history-caption" "$S/history/hypercall-kernel/history-inputs.gp" \
	'software: .*Debian (bookworm|trixie), kernel'

# a mechanism that differs between the releases: compare refuses (exit 3),
# the report says so and names the key
b=$(awk -F'\t' '$2 == 1 && $4 == "trixie" { print $5 }' "$S/runs.tsv")
a=$(awk -F'\t' '$2 == 1 && $4 == "bookworm" { print $5 }' "$S/runs.tsv")
sqlite3 "$DB" "update run_env set value = 'planted' where run_id = $b and key = 'testbed.mech.gic'"
expect "compare-refuses-mechanisms" 3 "$HVBENCH" compare "$a" "$b" --db "$DB"
has "compare-refusal-names-key" "$TMP/compare-refuses-mechanisms.out" 'different mechanisms: testbed\.mech\.gic \(v3 vs planted\)'
expect "study-report-again" 0 env HVBENCH="$HVBENCH" "$top/scripts/release-study.sh" --out "$S" --report-only
has "report-refusal" "$R" 'pair 1 .*: exit 3, refused: testbed\.mech\.gic \(v3 vs planted\)'
has "report-refusal-row" "$R" '^\| hypercall \|.*\(refused by compare, see above\) \|$'
has "report-pair-2-still-fine" "$R" 'pair 2 .*: exit [01], '
