# compare_history.sh - comparing runs, history with change points, export,
# import, report and every figure (issue 6), end to end through hvbench.
#
# One real QEMU TCG run seeds the database; further runs are cloned from it
# with SQL (samples scaled by a known factor) so that the verdicts are
# known in advance: the machine's own noise never decides a check.
. "$(dirname "$0")/lib.sh"
DB="$TMP/results.db"

if ! command -v qemu-system-x86_64 >/dev/null; then
	skip "compare-history" "qemu-system-x86_64 missing"
	exit 0
fi
expect "seed-run" 0 "$HVBENCH" run --backend qemu-tcg $HVB_PATHS --batches 9 \
	--tag kernel=6.1 --db "$DB" || exit 0

# clone SRC FACTOR [TAGVALUE [BACKEND HYPERVISOR]]: a new run like SRC whose op
# samples are multiplied by FACTOR (summaries follow), started 1 s later than
# the newest run; prints nothing.
clone() {
	sqlite3 "$DB" "
	INSERT INTO runs (started_at, finished_at, host_id, arch, backend, hypervisor,
		hypervisor_version, testbed, emulated, guest_path, guest_sha256, guest_build_id,
		tick_hz, tick_source, vcpus, pinned, status, hvbench_version, command_line, run_uuid)
	SELECT strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT max(started_at) FROM runs), '+1 seconds'),
		finished_at, host_id, arch, coalesce(nullif('${4:-}', ''), backend),
		coalesce(nullif('${5:-}', ''), hypervisor), hypervisor_version, testbed, emulated,
		guest_path, guest_sha256, guest_build_id, tick_hz, tick_source, vcpus, pinned, status,
		hvbench_version, 'clone', lower(hex(randomblob(16))) FROM runs WHERE run_id = $1;
	INSERT INTO results (run_id, benchmark, variant, unit, status, n, median, p25, p75,
		ci_low, ci_high, mean, stddev, cv, empty_median)
	SELECT (SELECT max(run_id) FROM runs), benchmark, variant, unit, status, n,
		(median + empty_median) * $2 - empty_median, (p25 + empty_median) * $2 - empty_median,
		(p75 + empty_median) * $2 - empty_median, (ci_low + empty_median) * $2 - empty_median,
		(ci_high + empty_median) * $2 - empty_median, mean * $2, stddev * $2, cv, empty_median
	FROM results WHERE run_id = $1;
	INSERT INTO samples (result_id, kind, batch, iters, value)
	SELECT (SELECT n.result_id FROM results AS n WHERE n.run_id = (SELECT max(run_id) FROM runs)
		AND n.benchmark = o.benchmark AND n.variant = o.variant), s.kind, s.batch, s.iters,
		CASE s.kind WHEN 'op' THEN s.value * $2 ELSE s.value END
	FROM samples AS s JOIN results AS o ON o.result_id = s.result_id WHERE o.run_id = $1;
	INSERT INTO run_tags SELECT (SELECT max(run_id) FROM runs), 'kernel', '${3:-6.1}';"
}

# ---- compare: exit 0 (same), 1 (regression), 2 (usage), 3 (other host) -------------
clone 1 1.0 6.1      # run 2: identical samples
clone 1 10 6.1-slow  # run 3: 10x slower (far beyond the noise of any TCG run)
expect "compare-same" 0 "$HVBENCH" compare 1 2 --db "$DB"
has "compare-same-no-change" "$TMP/compare-same.out" '^cpuid .*no change'
expect "compare-regression" 1 "$HVBENCH" compare 1 3 --db "$DB"
has "compare-regression-slower" "$TMP/compare-regression.out" '^cpuid .*SLOWER'
expect "compare-improvement" 0 "$HVBENCH" compare 3 1 --db "$DB"
expect "compare-threshold" 0 "$HVBENCH" compare 1 3 --threshold 5000 --db "$DB"
expect "compare-usage" 2 "$HVBENCH" compare 1 --db "$DB"
expect "compare-bad-alpha" 2 "$HVBENCH" compare 1 2 --alpha 7 --db "$DB"
expect "compare-by-tag" 1 "$HVBENCH" compare kernel=6.1 kernel=6.1-slow --where backend=qemu-tcg --db "$DB"
if expect "compare-json" 1 "$HVBENCH" compare 1 3 --json --db "$DB"; then
	if python3 -m json.tool "$TMP/compare-json.out" >/dev/null 2>&1; then pass "compare-json-valid"
	else fail "compare-json-valid" "python3 -m json.tool rejected it"; fi
fi
sqlite3 "$DB" "INSERT INTO hosts (hostname, cpu_model, fingerprint) VALUES ('elsewhere', 'x', 'elsewhere|x');"
clone 1 1.0 && sqlite3 "$DB" "UPDATE runs SET host_id = (SELECT host_id FROM hosts WHERE hostname = 'elsewhere') WHERE run_id = 4"
expect "compare-other-host" 3 "$HVBENCH" compare 1 4 --db "$DB"
has "compare-other-host-says-why" "$TMP/compare-other-host.out" 'not comparable: different hosts'
expect "compare-other-host-forced" 0 "$HVBENCH" compare 1 4 --force --db "$DB"
# runs whose recorded mechanisms differ (as mechanisms.sh stores them) are
# refused, naming the keys; a key only one run has is unknown, not different
sqlite3 "$DB" "DELETE FROM run_env WHERE run_id IN (1, 2) AND key LIKE '%mech.%';
	INSERT INTO run_env VALUES (1, 'mech.avic', '1'), (2, 'mech.avic', '0'),
	  (1, 'testbed.mech.kvm_mode', 'vhe'), (2, 'testbed.mech.kvm_mode', 'nvhe'), (1, 'mech.npt', '1');"
expect "compare-mechanisms-differ" 3 "$HVBENCH" compare 1 2 --db "$DB"
has "compare-mechanisms-named" "$TMP/compare-mechanisms-differ.out" \
	'different mechanisms: mech\.avic \(1 vs 0\), testbed\.mech\.kvm_mode \(vhe vs nvhe\) \(--force'
if grep -q 'mech.npt' "$TMP/compare-mechanisms-differ.out"; then
	fail "compare-mechanism-missing-is-unknown" "a key only run 1 has was called a difference"
else
	pass "compare-mechanism-missing-is-unknown"
fi
expect "compare-mechanisms-forced" 0 "$HVBENCH" compare 1 2 --force --db "$DB"
has "compare-mechanisms-forced-says-so" "$TMP/compare-mechanisms-forced.out" 'compared anyway \(--force\)'
sqlite3 "$DB" "DELETE FROM run_env WHERE run_id IN (1, 2) AND key LIKE '%mech.%'"

# ---- history: 8 runs at 1.0, 8 at 3.0 (tags 6.2 .. 6.17): the step at run 13 ------
# The series is cloned from run 1 with fixed samples (40..49 cycles, a spread
# like a quiet host's), so the step, not run 1's emulation noise, decides.
sqlite3 "$DB" "UPDATE samples SET value = CASE WHEN kind = 'empty' THEN 2
	ELSE 40 + (batch * 7) % 10 END WHERE result_id IN
	(SELECT result_id FROM results WHERE run_id = 1 AND benchmark = 'cpuid');
	UPDATE results SET empty_median = 2 WHERE run_id = 1 AND benchmark = 'cpuid'"
for i in 1 2 3 4 5 6 7 8; do clone 1 "1.00$i" "6.$((i + 1))"; done      # runs 5..12
for i in 1 2 3 4 5 6 7 8; do clone 1 "3.00$i" "6.$((i + 9))"; done      # runs 13..20
expect "history" 0 "$HVBENCH" history --bench cpuid --backend qemu-tcg --where testbed=host --db "$DB"
has "history-lists-runs" "$TMP/history.out" '^ +20 +[0-9T:.-]+Z'
expect "history-nothing" 1 "$HVBENCH" history --bench no-such-bench --db "$DB"
# the step series alone (runs 5..20): run 3's 10x spike (tag 6.1-slow, from
# the compare section) would otherwise sit inside it and, with a noisy base
# run, be found as a change point of its own
sqlite3 "$DB" "INSERT INTO run_tags SELECT run_id, 'series', 'step' FROM runs WHERE run_id BETWEEN 5 AND 20"
expect "history-by-tag" 0 "$HVBENCH" history --bench cpuid --by kernel --where status=complete \
	--where series=step --db "$DB" --plot "$TMP/hist"
# the change point line comes right before run 13 (kernel 6.10, the first at 1.3x)
equals "history-change-at-run-13" \
	"$(grep -A1 -- '------  change point:' "$TMP/history-by-tag.out" | sed -n 2p | awk '{print $1}')" 13
equals "history-one-change-point" "$(grep -c 'change point:' "$TMP/history-by-tag.out")" 1
has "history-version-order" "$TMP/history-by-tag.out" ' 6\.9 .*'
expect "history-usage" 2 "$HVBENCH" history --db "$DB"
# series in two units never share an axis: on a copy, runs 13..20 become
# arm64 runs in ticks; --plot draws history-cycles.* (runs 5..12) and
# history-ticks.* (runs 13..20), each with its own x positions 1..8
sqlite3 "$DB" ".backup '$TMP/mixed.db'"
sqlite3 "$TMP/mixed.db" "UPDATE runs SET arch = 'aarch64' WHERE run_id BETWEEN 13 AND 20;
	UPDATE results SET unit = 'ticks' WHERE run_id BETWEEN 13 AND 20"
expect "history-two-units" 0 "$HVBENCH" history --bench cpuid --by kernel --where series=step \
	--db "$TMP/mixed.db" --plot "$TMP/hist-mixed"
for u in cycles ticks; do
	if [ -s "$TMP/hist-mixed/history-$u.png" ]; then pass "history-figure-per-unit-$u"
	else fail "history-figure-per-unit-$u" "no history-$u.png"; fi
	has "history-$u-axis" "$TMP/hist-mixed/history-$u-inputs.gp" "^ylabel = \"cpuid/\\* per operation \\($u\\)\""
	has "history-$u-own-positions" "$TMP/hist-mixed/history-$u-inputs.gp" '^xmax = 8$'
done
equals "history-no-mixed-figure" "$(ls "$TMP/hist-mixed" | grep -c '^history\.')" 0
equals "history-ticks-from-1" "$(awk '$1 ~ /^[0-9]+$/ { print $1; exit }' "$TMP/hist-mixed/history-ticks.dat")" 1

# ---- export ------------------------------------------------------------------------------
if expect "export-json" 0 "$HVBENCH" export --format json --samples --db "$DB"; then
	if python3 -m json.tool "$TMP/export-json.out" >/dev/null 2>&1; then pass "export-json-valid"
	else fail "export-json-valid" "python3 -m json.tool rejected it"; fi
fi
if expect "export-csv" 0 "$HVBENCH" export --format csv --db "$DB" 1 3; then
	equals "export-csv-rows" "$(python3 -c 'import csv,sys; print(len(list(csv.DictReader(open(sys.argv[1])))))' \
		"$TMP/export-csv.out")" "$(sql "$DB" 'select count(*) from results where run_id in (1, 3)')"
fi
expect "export-csv-samples" 0 "$HVBENCH" export --format csv --samples --where kernel=6.1 --db "$DB"
has "export-csv-has-samples" "$TMP/export-csv-samples.out" 'sample_value'
expect "export-usage" 2 "$HVBENCH" export --format xml --db "$DB"

# ---- import (twice: no duplicates) -------------------------------------------------------
OTHER="$TMP/other.db"
expect "import-first" 0 "$HVBENCH" import "$DB" --db "$OTHER"
expect "import-again" 0 "$HVBENCH" import "$DB" --db "$OTHER"
equals "import-no-duplicates" "$(sql "$OTHER" 'select count(*) from runs')" "$(sql "$DB" 'select count(*) from runs')"
equals "import-same-samples" "$(sql "$OTHER" 'select count(*) from samples')" "$(sql "$DB" 'select count(*) from samples')"
has "import-again-says-present" "$TMP/import-again.out" 'imported 0 runs'
printf 'not a database, only text long enough to have a header of one hundred bytes ..........\n' >"$TMP/junk.db"
cp "$TMP/junk.db" "$TMP/junk.orig"
expect "import-junk-refused" 1 "$HVBENCH" import "$TMP/junk.db" --db "$OTHER"
if cmp -s "$TMP/junk.db" "$TMP/junk.orig"; then pass "import-junk-untouched"; else fail "import-junk-untouched" "changed"; fi

# ---- figures: microbench (+ tables), tlb, apps, history ---------------------------------
# TLB rows (tlb-nested g4k-SIZE under two backings, tlb-native 4k-SIZE) and an app
# benchmark on a native and a virtualized run, added to cloned runs.
clone 1 1.0 6.1 && tlb_thp=$(sql "$DB" 'select max(run_id) from runs')
clone 1 1.0 6.1 && tlb_4k=$(sql "$DB" 'select max(run_id) from runs')
clone 1 1.0 6.1 native none && native=$(sql "$DB" 'select max(run_id) from runs')
sqlite3 "$DB" "
DELETE FROM samples WHERE result_id IN (SELECT result_id FROM results
	WHERE run_id IN ($tlb_thp, $tlb_4k, $native) AND benchmark LIKE 'tlb-%');
DELETE FROM results WHERE run_id IN ($tlb_thp, $tlb_4k, $native) AND benchmark LIKE 'tlb-%';
INSERT INTO run_tags VALUES ($tlb_thp, 'backing', 'thp'), ($tlb_4k, 'backing', '4k');
WITH sizes(s, k) AS (VALUES ('4k', 1), ('64k', 2), ('1m', 3), ('16m', 4), ('256m', 5))
INSERT INTO results (run_id, benchmark, variant, unit, status, n, median, p25, p75)
SELECT $tlb_thp, 'tlb-nested', 'g4k-' || s, 'cycles', 'ok', 9, 5 + 8 * k, 4 + 8 * k, 6 + 8 * k FROM sizes
UNION ALL SELECT $tlb_4k, 'tlb-nested', 'g4k-' || s, 'cycles', 'ok', 9, 5 + 20 * k * k, 4 + 20 * k * k, 7 + 20 * k * k FROM sizes
UNION ALL SELECT $native, 'tlb-native', '4k-' || s, 'cycles', 'ok', 9, 4 + 3 * k, 3 + 3 * k, 5 + 3 * k FROM sizes;
INSERT INTO results (run_id, benchmark, variant, unit, status, n, median, p25, p75) VALUES
	($native, 'app-kernbench', '-', 's', 'ok', 5, 100, 99, 101),
	($native, 'app-hackbench', '-', 's', 'ok', 5, 10, 9.9, 10.1),
	($tlb_thp, 'app-kernbench', '-', 's', 'ok', 5, 108, 107, 109),
	($tlb_thp, 'app-hackbench', '-', 's', 'ok', 5, 13, 12.5, 13.5);"
expect "plot" 0 "$HVBENCH" plot --db "$DB" -o "$TMP/fig" --table latex
has "plot-prints-latex-table" "$TMP/plot.out" 'begin\{tabular\}'
for f in bars-x86_64 microbench tlb apps; do
	for ext in pdf svg png; do
		if [ -s "$TMP/fig/$f.$ext" ]; then pass "figure-$f.$ext"; else fail "figure-$f.$ext" "missing or empty"; fi
	done
done
# the bar chart shows microbenchmarks only: the TLB sweep and the apps have
# figures of their own
if grep -Eq '^"(tlb|app)-' "$TMP/fig/bars-x86_64.dat"; then
	fail "bars-microbenchmarks-only" "tlb-/app- rows in bars-x86_64.dat"
else
	pass "bars-microbenchmarks-only"
fi
# the canvas is sized by the clusters it holds
equals "bars-ngroups" "$(sed -n 's/^ngroups = //p' "$TMP/fig/bars-x86_64-inputs.gp")" \
	"$(grep -c '^"' "$TMP/fig/bars-x86_64.dat")"
has "tlb-has-the-sweep" "$TMP/fig/tlb.dat" '^[0-9]+ [0-9.e+]+'
# native / virtualized for times (lower is better): 10/13 and 100/108; all
# near 1, so a linear axis
has "apps-hackbench-normalised" "$TMP/fig/apps.dat" '^"hackbench" 0\.769231$'
has "apps-kernbench-normalised" "$TMP/fig/apps.dat" '^"kernbench" 0\.925926$'
has "apps-linear-axis" "$TMP/fig/apps-inputs.gp" '^logy = 0$'
for f in microbench tlb apps; do
	if [ -s "$TMP/fig/$f-latex.tex" ] && [ -s "$TMP/fig/$f-latex.pdf" ]; then pass "figure-$f-cairolatex"
	else fail "figure-$f-cairolatex" "missing"; fi
done
for f in microbench.md microbench.tex; do
	if [ -s "$TMP/fig/$f" ]; then pass "table-$f"; else fail "table-$f" "missing"; fi
done
has "table-markdown-marks-emulated" "$TMP/fig/microbench.md" 'emulated'
for ext in pdf svg png; do
	if [ -s "$TMP/hist/history.$ext" ]; then pass "figure-history.$ext"; else fail "figure-history.$ext" "missing"; fi
done
equals "history-png-is-png" "$(head -c 4 "$TMP/hist/history.png" | od -An -c | tr -d ' ')" '211PNG'
# --where that matches no run: every figure says it is skipped (the bar
# charts too: they follow --where), and plot fails saying why
expect "plot-where-nothing" 1 "$HVBENCH" plot --db "$DB" -o "$TMP/fig2" --where kernel=none
has "plot-skips-gracefully" "$TMP/plot-where-nothing.out" 'tlb: no .* skipped'
has "plot-where-nothing-says-why" "$TMP/plot-where-nothing.out" 'no complete run with ok results matching --where'
has "plot-where-bars-skipped" "$TMP/plot-where-nothing.out" 'bars-x86_64: no microbenchmark results'

# ---- report --------------------------------------------------------------------------------
if expect "report" 0 "$HVBENCH" report 1 3 "$tlb_thp" "$native" -o "$TMP/report" --db "$DB"; then
	if [ -s "$TMP/report/report.html" ]; then pass "report-html"; else fail "report-html" "missing"; fi
	# nothing but data: URIs may be referenced (no links, scripts, fonts or stylesheets)
	equals "report-no-external-urls" "$(sed 's/src="data:image\/png;base64,[A-Za-z0-9+\/=]*"//g' \
		"$TMP/report/report.html" | grep -Eic 'https?:|ftp:|//[a-z]|src=|href=|url\(|@import')" 0
	has "report-embeds-figures" "$TMP/report/report.html" 'src="data:image/png;base64,'
	has "report-compares" "$TMP/report/report.html" 'slower'
fi
expect "report-usage" 2 "$HVBENCH" report 1 --db "$DB"

# plot --where chooses the runs of the bar charts too: two qemu-tcg runs
# tagged apart, the chart of one names that run only
WDB="$TMP/where.db"
for t in a b; do
	"$HVBENCH" run --backend qemu-tcg $HVB_PATHS --bench cpuid --batches 3 --tag study=$t \
		--db "$WDB" >"$TMP/where-run-$t.out" 2>&1
done
if expect "plot-where" 0 "$HVBENCH" plot --db "$WDB" --where study=a -o "$TMP/wfig"; then
	has "bars-where-run-a" "$TMP/wfig/bars-x86_64-inputs.gp" '^caption = ".*qemu-tcg run 1 @ host'
	if grep -q 'run 2' "$TMP/wfig/bars-x86_64-inputs.gp"; then
		fail "bars-where-not-run-b" "the chart names run 2, which --where study=a leaves out"
	else
		pass "bars-where-not-run-b"
	fi
fi

# ---- compare on a two-state host ------------------------------------------------------
# A: 6 of 9 batches in the fast state (100), 3 in the slow one (200); B: the
# same two states, 6 of 9 slow: its median is 2x A's, but the operation did
# not change (how many batches hit the slow state is the host's doing); C:
# both states 30% slower: a real regression.
states() { # RUN FAST SLOW SLOW_FROM_BATCH: cpuid's net samples in two states
	sqlite3 "$DB" "UPDATE results SET empty_median = 0 WHERE run_id = $1 AND benchmark = 'cpuid';
		UPDATE samples SET value = CASE WHEN kind = 'empty' THEN 0
			WHEN batch >= $4 THEN $3 + batch * 0.01 ELSE $2 + batch * 0.01 END
		WHERE result_id = (SELECT result_id FROM results WHERE run_id = $1 AND benchmark = 'cpuid')
		AND batch < 9;
		DELETE FROM samples WHERE batch >= 9 AND result_id =
			(SELECT result_id FROM results WHERE run_id = $1 AND benchmark = 'cpuid');"
}
clone 1 1.0; ra=$(sql "$DB" "select max(run_id) from runs"); states "$ra" 100 200 6
clone 1 1.0; rb=$(sql "$DB" "select max(run_id) from runs"); states "$rb" 100 200 3
clone 1 1.0; rc=$(sql "$DB" "select max(run_id) from runs"); states "$rc" 130 260 6
expect "compare-two-state-same" 0 "$HVBENCH" compare "$ra" "$rb" --db "$DB"
has "compare-two-state-no-change" "$TMP/compare-two-state-same.out" '^cpuid .*no change'
has "compare-two-state-says-how" "$TMP/compare-two-state-same.out" 'two-state A and B: fast states compared'
expect "compare-two-state-regression" 1 "$HVBENCH" compare "$ra" "$rc" --db "$DB"
has "compare-two-state-slower" "$TMP/compare-two-state-regression.out" '^cpuid .*SLOWER'
