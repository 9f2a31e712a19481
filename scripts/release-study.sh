#!/bin/sh
# release-study.sh - did an exit get slower between two Debian releases?
# Runs the same guest build and benchmarks on each test-bed built from
# Debian 12 (bookworm: Linux 6.1, Xen 4.17) and from Debian 13 (trixie:
# Linux 6.12, Xen 4.20), interleaved A B B A (A = bookworm, B = trixie) so
# that a drift of this shared host cancels instead of reading as a version
# change; compares each A-B pair with `hvbench compare` (exit status kept),
# draws a `history --by kernel` (Xen test-beds also `--by xen`) figure per
# benchmark and writes OUT/report.md: per test-bed, which benchmarks changed
# between the releases, by how much (B/A with each pair's 95% CI and p), and
# which did not.
#
#   scripts/release-study.sh [--testbeds LIST] [--bench LIST] [--batches N]
#                            [--rounds N] [--out DIR] [--report-only]
#
#   --testbeds LIST  comma-separated test-beds (default: kvm-x86_64,xen-x86_64,
#                    kvm-aarch64,kvm-aarch64-nvhe,xen-aarch64), each run as NAME
#                    and NAME@trixie
#   --bench LIST     benchmarks (default: every one the test-bed runs)
#   --batches N      batches per benchmark (default 15)
#   --rounds N       A-B pairs per test-bed, in the order AB BA AB ... (default 4:
#                    A B B A A B B A; with 2, this host's drift between rounds
#                    gave verdicts that 4 rounds contradicted); a change counts
#                    only when every pair agrees
#   --out DIR        where the database, figures and report go (default
#                    results/release-study-<UTC time>)
#   --report-only    compare, plot and report the runs already in DIR again
#
# OUT/study.db holds the runs (tags study, release, round, order); OUT/runs.tsv
# the order they ran in; OUT/compare/ each pair's `hvbench compare` output and
# exit status; OUT/history/ the figures; OUT/html/report.html every run's
# `hvbench report`.  Environment: HVBENCH (the hvbench
# to use, default build/bin/hvbench of this tree), HVBENCH_CACHE (test-beds).
# Exits 0 when the report was written (whatever it found), else non-zero.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
HVB=${HVBENCH:-$top/build/bin/hvbench}
die() { echo "release-study.sh: $*" >&2; exit 2; }
say() { echo "release-study: $*"; }

TESTBEDS=kvm-x86_64,xen-x86_64,kvm-aarch64,kvm-aarch64-nvhe,xen-aarch64 BENCH="" BATCHES=15 ROUNDS=4 OUT="" ONLY=0
while [ $# -gt 0 ]; do
	case $1 in
	--testbeds) TESTBEDS=${2:?}; shift 2 ;;
	--bench) BENCH=${2:?}; shift 2 ;;
	--batches) BATCHES=${2:?}; shift 2 ;;
	--rounds) ROUNDS=${2:?}; shift 2 ;;
	--out) OUT=${2:?}; shift 2 ;;
	--report-only) ONLY=1; shift ;;
	-h|--help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) die "unknown option '$1' (--help)" ;;
	esac
done
for n in "$BATCHES" "$ROUNDS"; do
	case $n in ''|*[!0-9]*|0) die "--batches/--rounds take a positive number, not '$n'" ;; esac
done
case $TESTBEDS$BENCH in *[!A-Za-z0-9_,.-]*) die "bad --testbeds/--bench list" ;; esac
[ -x "$HVB" ] || die "$HVB not found (make, or set HVBENCH)"
command -v sqlite3 >/dev/null || die "sqlite3 missing (scripts/install-deps.sh)"
A=bookworm B=trixie
if [ -z "$OUT" ]; then
	[ $ONLY = 0 ] || die "--report-only needs --out DIR"
	OUT=$top/results/release-study-$(date -u +%Y%m%dT%H%M%SZ)
fi
DB=$OUT/study.db
mkdir -p "$OUT/compare" "$OUT/history"
q() { sqlite3 -readonly -batch -noheader -separator '	' "$DB" "$1"; }

# ---- 1. the runs, interleaved ----------------------------------------------
# side ROUND K: the release of the K-th run (1, 2) of ROUND: AB, then BA, ...
side() { if [ $(( ($1 + $2) % 2 )) = 0 ]; then echo $A; else echo $B; fi; }
name_of() { if [ "$2" = $A ]; then echo "$1"; else echo "$1@$2"; fi; }

if [ $ONLY = 0 ]; then
	ID=$(basename "$OUT")
	[ ! -e "$OUT/runs.tsv" ] || die "$OUT already holds a study (--report-only, or another --out)"
	for tb in $(echo "$TESTBEDS" | tr , ' '); do
		for rel in $A $B; do   # built before anything is timed
			say "building $(name_of "$tb" $rel) (if needed)"
			"$HVB" testbed build "$(name_of "$tb" $rel)" >"$OUT/build.log" 2>&1 ||
				{ tail -n 5 "$OUT/build.log" >&2; die "cannot build test-bed $(name_of "$tb" $rel)"; }
		done
	done
	printf 'testbed\tround\torder\trelease\trun\tstarted\n' >"$OUT/runs.tsv.part"
	for tb in $(echo "$TESTBEDS" | tr , ' '); do
		k=0 r=1
		while [ $r -le "$ROUNDS" ]; do
			for i in 1 2; do
				k=$((k + 1)) rel=$(side $r $i) name=$(name_of "$tb" "$(side $r $i)")
				say "$tb: run $k of $((2 * ROUNDS)): $name (round $r)"
				log=$OUT/run-$tb-$k.log
				"$HVB" run --testbed "$name" ${BENCH:+--bench "$BENCH"} --batches "$BATCHES" \
					--db "$DB" --tag study="$ID" --tag release="$rel" --tag round=$r \
					--tag order=$k >"$log" 2>&1 || true   # a failed benchmark is data
				run=$(sed -n 's/^run \([0-9]*\) stored in .*/\1/p' "$log" | tail -n 1)
				[ -n "$run" ] || { tail -n 8 "$log" >&2; die "$name: no run stored (see $log)"; }
				printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$tb" $r $k "$rel" "$run" \
					"$(q "SELECT started_at FROM runs WHERE run_id = $run")" >>"$OUT/runs.tsv.part"
			done
			r=$((r + 1))
		done
	done
	mv "$OUT/runs.tsv.part" "$OUT/runs.tsv"
fi
[ -r "$OUT/runs.tsv" ] && [ -r "$DB" ] || die "no study in $OUT (runs.tsv, study.db)"

# ---- 2. compare each pair ----------------------------------------------------
# run_of TB ROUND REL: the run id of that slot of runs.tsv
run_of() { awk -F'\t' -v t="$1" -v r="$2" -v s="$3" '$1 == t && $2 == r && $4 == s { print $5 }' "$OUT/runs.tsv"; }
testbeds=$(awk -F'\t' 'NR > 1 && !seen[$1]++ { print $1 }' "$OUT/runs.tsv")
rounds=$(awk -F'\t' 'NR > 1 && $2 > m { m = $2 } END { print m + 0 }' "$OUT/runs.tsv")
for tb in $testbeds; do
	r=1
	while [ $r -le "$rounds" ]; do
		a=$(run_of "$tb" $r $A) b=$(run_of "$tb" $r $B) f=$OUT/compare/$tb-$r
		st=0
		"$HVB" compare "$a" "$b" --db "$DB" --json >"$f.json" 2>"$f.err" || st=$?
		"$HVB" compare "$a" "$b" --db "$DB" >"$f.txt" 2>&1 || true
		if [ $st = 3 ]; then   # refused: the numbers anyway, marked so in the report
			"$HVB" compare "$a" "$b" --db "$DB" --json --force >"$f.json" 2>>"$f.forced" || true
		fi
		echo "$st" >"$f.status"
		say "$tb pair $r: compare $a $b: exit status $st"
		r=$((r + 1))
	done
done

# ---- 3. history figures ------------------------------------------------------
ids=$(awk -F'\t' 'NR > 1 { printf "%s%s", n++ ? "," : "", $5 }' "$OUT/runs.tsv")
benches=$(q "SELECT DISTINCT benchmark FROM summary WHERE run_id IN ($ids) AND status = 'ok' ORDER BY 1")
study=$(q "SELECT value FROM run_tags WHERE key = 'study' AND run_id IN ($ids) LIMIT 1")
rm -rf "$OUT/history" && mkdir -p "$OUT/history"   # --report-only: no figure of an earlier pass left
for bn in $benches; do
	"$HVB" history --db "$DB" --bench "$bn" --by kernel --where study="$study" \
		--plot "$OUT/history/$bn-kernel" >"$OUT/history/$bn-kernel.txt" 2>&1 || true
	if q "SELECT 1 FROM summary WHERE run_id IN ($ids) AND backend = 'xen' AND benchmark = '$bn' LIMIT 1" | grep -q 1; then
		"$HVB" history --db "$DB" --bench "$bn" --by xen --backend xen --where study="$study" \
			--plot "$OUT/history/$bn-xen" >"$OUT/history/$bn-xen.txt" 2>&1 || true
	fi
done

"$HVB" report $(echo "$ids" | tr , ' ') -o "$OUT/html" --db "$DB" >"$OUT/html.log" 2>&1 ||
	say "hvbench report failed (see $OUT/html.log); the markdown report follows anyway"

# ---- 4. the report -----------------------------------------------------------
# pair_rows FILE ROUND: one line per result of a compare --json output:
# bench variant unit median_a median_b ratio lo hi p verdict round
pair_rows() {
	awk -v round="$2" '
	function get(s, k,   m) {
		if (!match(s, "\"" k "\":(\"[^\"]*\"|[^,}]*)")) return "null"
		m = substr(s, RSTART + length(k) + 3, RLENGTH - length(k) - 3)
		gsub(/"/, "", m); gsub(/ /, "_", m); return m
	}
	{ i = index($0, "\"results\":["); if (!i) next
	  n = split(substr($0, i + 11), rows, /\},\{/)
	  for (j = 1; j <= n; j++) if (rows[j] ~ /"benchmark"/)
		print get(rows[j], "benchmark"), get(rows[j], "variant"), get(rows[j], "unit"),
		      get(rows[j], "median_a"), get(rows[j], "median_b"), get(rows[j], "ratio"),
		      get(rows[j], "ratio_ci_low"), get(rows[j], "ratio_ci_high"), get(rows[j], "p"),
		      get(rows[j], "verdict"), round }' "$1"
}
R=$OUT/report.md
{
	echo "# Release study: Debian 12 (bookworm) against Debian 13 (trixie)"
	echo
	echo "Study \`$study\` on host $(q "SELECT DISTINCT host FROM summary WHERE run_id IN ($ids) LIMIT 1"), $(head -n 2 "$OUT/runs.tsv" | tail -n 1 | cut -f6) to $(tail -n 1 "$OUT/runs.tsv" | cut -f6)."
	echo "All numbers are **emulated** (QEMU TCG test-beds): emulation costs of each"
	echo "release's kernel and Xen, not hardware timings. A = bookworm, B = trixie;"
	echo "B/A > 1 means slower on trixie."
	echo
	echo "**Order.** Per test-bed the runs alternated A B B A (rounds of an A-B pair, the"
	echo "second pair reversed, and so on), so a linear drift of this shared host"
	echo "shifts the two pairs in opposite directions. Each pair is compared on its"
	echo "own (\`hvbench compare A B\`: Mann-Whitney p, 95% bootstrap CI of B/A,"
	echo "threshold 5%, alpha 0.01); a benchmark **changed** only when every pair"
	echo "says the same (slower, or faster); pairs that disagree are **inconclusive**"
	echo "(drift or noise); **no change** when no pair finds one. Change = geometric"
	echo "mean of the pairs' B/A; median A and B: the mean of the pairs' medians"
	echo "(net: empty loop subtracted). n/a: a run failed the benchmark, or a median"
	echo "was not positive, so no ratio."
	echo
	echo "Command: \`scripts/release-study.sh --testbeds $(echo $testbeds | tr ' ' ,)${BENCH:+ --bench $BENCH} --batches $BATCHES --rounds $rounds\`"
	for tb in $testbeds; do
		echo
		echo "## $tb"
		echo
		ra=$(run_of "$tb" 1 $A) rb=$(run_of "$tb" 1 $B)
		echo "- A: $(q "SELECT software FROM run_versions WHERE run_id = $ra")"
		echo "- B: $(q "SELECT software FROM run_versions WHERE run_id = $rb")"
		tbruns=$(awk -F'\t' -v t="$tb" '$1 == t { printf "%s%s", n++ ? "," : "", $5 }' "$OUT/runs.tsv")
		nsha=$(q "SELECT count(DISTINCT guest_sha256) FROM runs WHERE run_id IN ($tbruns)")
		echo "- guest: $(q "SELECT DISTINCT guest_sha256 FROM runs WHERE run_id IN ($tbruns)" | head -n 1 | cut -c1-16)...$([ "$nsha" = 1 ] && echo " (the same build, SHA-256, in every run)" || echo " and $((nsha - 1)) other build(s): NOT the same guest")"
		echo "- order: $(awk -F'\t' -v t="$tb" '$1 == t { printf "%s%s run %s", n++ ? ", " : "", $4 == "bookworm" ? "A" : "B", $5 }' "$OUT/runs.tsv")"
		died=$(q "SELECT group_concat(run_id, ', ') FROM runs AS r WHERE run_id IN ($tbruns) AND NOT EXISTS
			(SELECT 1 FROM run_env AS e WHERE e.run_id = r.run_id AND e.key LIKE 'testbed.mech.%')")
		[ -z "$died" ] || echo "- **run(s) $died: the test-bed did not finish** (no testbed.mech.* keys: the mechanisms inside are unknown, so compare could not check them; what it measured before is in the table)"
		r=1 statuses=""
		while [ $r -le "$rounds" ]; do
			f=$OUT/compare/$tb-$r
			st=$(cat "$f.status")
			case $st in
			0) what="no regression" ;; 1) what="regression" ;;
			3) what="refused: $(sed -n 's/.*not comparable: //p; s/.*ran on different mechanisms: //p' "$f.err" | head -n 1 | sed 's/ (--force compares them anyway)//'); numbers below from --force" ;;
			*) what="error: $(head -n 1 "$f.err")" ;;
			esac
			statuses="$statuses${statuses:+; }pair $r (runs $(run_of "$tb" $r $A) vs $(run_of "$tb" $r $B)): exit $st, $what"
			r=$((r + 1))
		done
		echo "- \`hvbench compare\` exit status: $statuses"
		echo
		echo "| benchmark | variant | unit | median A | median B | change B/A | 95% CI of B/A per pair | p per pair | verdict |"
		echo "|---|---|---|---:|---:|---:|---|---|---|"
		r=1
		while [ $r -le "$rounds" ]; do pair_rows "$OUT/compare/$tb-$r.json" $r; r=$((r + 1)); done |
		awk -v pairs="$rounds" -v refused="$(cat "$OUT"/compare/"$tb"-*.status | grep -c '^3$' || true)" '
		function num(x) { return x == "null" || x == "" ? "-" : x }
		{ k = $1 SUBSEP $2; if (!(k in seen)) { seen[k] = 1; order[++n] = k; b[k] = $1; v[k] = $2; u[k] = $3 }
		  cnt[k]++
		  if ($4 != "null") { ma[k] += $4; na[k]++ }
		  if ($5 != "null") { mb[k] += $5; nb[k]++ }
		  if ($6 != "null" && $6 > 0) { lr[k] += log($6); nr[k]++ }
		  ci[k] = ci[k] (ci[k] == "" ? "" : "; ") ($7 == "null" || $8 == "null" ? "-" : sprintf("[%.3f, %.3f]", $7, $8))
		  pp[k] = pp[k] (pp[k] == "" ? "" : "; ") ($9 == "null" ? "-" : sprintf("%.2g", $9))
		  vv = $10; gsub(/_/, " ", vv); verd[k] = verd[k] "|" vv }
		END { for (i = 1; i <= n; i++) { k = order[i]
			nv = split(substr(verd[k], 2), vs, "|"); same = 1
			for (j = 2; j <= nv; j++) if (vs[j] != vs[1]) same = 0
			if (cnt[k] < pairs) res = "n/a (missing in a pair)"
			else if (vs[1] == "n/a") res = "n/a"
			else if (!same) res = "inconclusive (pairs disagree: " substr(verd[k], 2) ")"
			else if (vs[1] == "no change") res = "no change"
			else res = "**changed: " vs[1] " on trixie**"
			if (refused > 0) res = res " (refused by compare, see above)"
			ch = nr[k] ? sprintf("%+.1f%%", 100 * (exp(lr[k] / nr[k]) - 1)) : "-"
			printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", b[k], v[k], u[k],
			       na[k] ? sprintf("%.1f", ma[k] / na[k]) : "-", nb[k] ? sprintf("%.1f", mb[k] / nb[k]) : "-",
			       ch, ci[k], pp[k], res
			tally[res ~ /^\*\*changed/ ? "changed" : res ~ /^no change/ ? "no change" : res ~ /^inconclusive/ ? "inconclusive" : "n/a"]++ }
		  printf "\nSummary: %d changed, %d no change, %d inconclusive, %d not comparable (n/a).\n",
		         tally["changed"], tally["no change"], tally["inconclusive"], tally["n/a"] }'
		fails=$(q "SELECT DISTINCT benchmark || '/' || variant || ' (' || testbed || ': ' || coalesce(reason, status) || ')' FROM summary WHERE run_id IN ($tbruns) AND status <> 'ok'" | tr '\n' ' ')
		[ -z "$fails" ] || { echo; echo "Not measured (failed or unsupported in a run): $fails"; }
	done
	echo
	echo "## Figures"
	echo
	# one figure per unit: history.png, or history-cycles.png (x86) and
	# history-ticks.png (arm64) when a benchmark ran on both
	for f in "$OUT"/history/*/history*.png; do
		[ -e "$f" ] || continue
		n=$(basename "$(dirname "$f")") fig=$(basename "$f" .png)
		unit=${fig#history} unit=${unit#-}
		echo "- [$n${unit:+ ($unit)}](history/$n/$fig.png) (also .svg, .pdf): \`hvbench history --bench ${n%-*} --by ${n##*-}\`"
	done
	echo
	echo "Per pair: compare/TESTBED-ROUND.txt (the full \`hvbench compare\` table);"
	echo "every run in detail: html/report.html (\`hvbench report\`)."
} >"$R"
say "report: $R"
