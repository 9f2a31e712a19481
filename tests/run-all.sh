#!/bin/sh
# run-all.sh BUILD - run every test hvbench has and print one total line.
#
#  1. Check unit tests (built with ASan+UBSan): BUILD/asan/tests/*
#  2. integration tests (tests/integration/*.sh), once against the normal
#     build and once against the ASan+UBSan build of the host programs.
#
# Every test reports PASS/FAIL/SKIP; the last line is
#   "N passed, N failed[, N skipped (N x why; ...)]"
# and the exit status is non-zero when anything failed or nothing ran.
set -u
BUILD=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
BUILD=$(cd "$BUILD" && pwd)

passed=0; failed=0; skipped=0
log=$(mktemp -d "${TMPDIR:-/tmp}/hvbench-tests.XXXXXX")

# ---- unit tests ---------------------------------------------------------
for t in "$BUILD"/asan/tests/*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	out="$log/unit-$name.log"
	CK_VERBOSITY=normal CK_DEFAULT_TIMEOUT=60 "$t" >"$out" 2>&1
	rc=$?
	line=$(grep -E '^[0-9]+%: Checks: [0-9]+' "$out" | tail -n 1)
	if [ -z "$line" ]; then
		echo "FAIL: unit/$name (no Check summary, exit $rc)"; sed 's/^/    /' "$out" | tail -n 20
		failed=$((failed + 1)); continue
	fi
	checks=$(echo "$line" | sed -E 's/.*Checks: ([0-9]+).*/\1/')
	fails=$(echo "$line" | sed -E 's/.*Failures: ([0-9]+).*/\1/')
	errs=$(echo "$line" | sed -E 's/.*Errors: ([0-9]+).*/\1/')
	bad=$((fails + errs))
	passed=$((passed + checks - bad)); failed=$((failed + bad))
	if [ "$bad" -ne 0 ] || [ "$rc" -ne 0 ]; then
		echo "FAIL: unit/$name: $line"; grep -E ':[EF]:' "$out" | sed 's/^/    /' | head -n 30
		[ "$bad" -eq 0 ] && failed=$((failed + 1))  # crashed after the summary
	else
		echo "PASS: unit/$name ($checks checks)"
	fi
done

# ---- integration tests ----------------------------------------------------
for variant in host asan; do
	if [ "$variant" = host ]; then bindir="$BUILD/bin"; else bindir="$BUILD/asan/bin"; fi
	for t in tests/integration/*.sh; do
		[ -f "$t" ] || continue
		name=$(basename "$t" .sh)
		out="$log/int-$variant-$name.log"
		HVB_TOP="$top" HVB_BUILD="$BUILD" HVB_BIN="$bindir" HVB_VARIANT="$variant" \
			timeout 1200 sh "$t" >"$out" 2>&1
		rc=$?
		p=$(grep -c '^PASS: ' "$out"); f=$(grep -c '^FAIL: ' "$out"); s=$(grep -c '^SKIP: ' "$out")
		grep -E '^(PASS|FAIL|SKIP): ' "$out" | sed "s|^\([A-Z]*\): |\1: $variant/$name/|"
		grep -E '^SKIP: ' "$out" | sed -E 's/^SKIP: [^ ]+ \((.*)\)$/\1/' >>"$log/skip-reasons"
		if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
			echo "FAIL: $variant/$name (script exited $rc)"; f=1
		fi
		if [ "$f" -ne 0 ]; then sed 's/^/    /' "$out" | grep -v -E '^    (PASS|SKIP): ' | tail -n 40; fi
		passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
	done
done

total=$((passed + failed + skipped))
if [ "$skipped" -gt 0 ]; then
	# the totals line names why tests were skipped: "N x reason; ..."
	why=$(sort "$log/skip-reasons" | uniq -c | sort -rn |
		awk '{n = $1; $1 = ""; sub(/^ /, ""); printf "%s%d x %s", sep, n, substr($0, 1, 160); sep = "; "}')
	rm -rf "$log"
	echo "$passed passed, $failed failed, $skipped skipped ($why)"
else
	rm -rf "$log"
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ "$total" -gt 0 ] && [ "$passed" -gt 0 ]
