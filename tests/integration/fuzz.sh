# fuzz.sh - run every libFuzzer target (build/fuzz/fuzz_*) from the kept
# corpus (fuzz/corpus/NAME/, committed) for a bounded time or a number of
# executions; PASS when it finds no crash, leak or timeout.
#
# Runs once, with the sanitizer build (HVB_VARIANT=asan); the fuzzers carry
# their own ASan+UBSan.  HVB_FUZZ_SECONDS sets the time per target (default
# 15 in `make check`; `make fuzz FUZZ_SECONDS=3600`); HVB_FUZZ_RUNS instead
# sets the executions per target (`make fuzz-long`: 10 million).  Every
# input of the kept corpus is run first, so a regression on one of them
# fails at once.  New inputs go to build/fuzz/corpus/NAME (`make
# fuzz-corpus` merges them into fuzz/corpus/); a crashing input is kept in
# build/fuzz/artifacts/ (replay: build/fuzz/fuzz_NAME FILE).
. "$(dirname "$0")/lib.sh"

[ "${HVB_VARIANT:-asan}" = asan ] || exit 0
seconds=${HVB_FUZZ_SECONDS:-15}
runs_wanted=${HVB_FUZZ_RUNS:-}
FUZZ="$HVB_BUILD/fuzz"
KEPT="${HVB_TOP:-.}/fuzz/corpus"
if ! ls "$FUZZ"/fuzz_* >/dev/null 2>&1; then
	skip "fuzz" "no fuzz targets built (clang missing?)"
	exit 0
fi
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"

if [ -n "$runs_wanted" ]; then
	limit="-runs=$runs_wanted"; outer=$((runs_wanted / 1000 + 600)); what="$runs_wanted runs"
else
	limit="-max_total_time=$seconds"; outer=$((seconds + 120)); what="${seconds}s"
fi

# Extra seeds: the real guest images for the ELF loader.
mkdir -p "$TMP/seeds/pvh_elf"
for elf in "$TEST_GUESTS"/*.elf; do [ -f "$elf" ] && cp "$elf" "$TMP/seeds/pvh_elf/"; done

for bin in "$FUZZ"/fuzz_*; do
	[ -x "$bin" ] || continue
	name=${bin##*/fuzz_}
	corpus="$FUZZ/corpus/$name"
	mkdir -p "$corpus" "$FUZZ/artifacts" "$TMP/seeds/$name"
	if [ ! -d "$KEPT/$name" ] || [ -z "$(ls "$KEPT/$name")" ]; then
		fail "fuzz-$name-corpus" "no kept corpus in $KEPT/$name"
	fi
	timeout "$outer" "$bin" $limit -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$FUZZ/artifacts/$name-" \
		"$corpus" "$KEPT/$name" "$TMP/seeds/$name" >"$TMP/fuzz-$name.out" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$TMP/fuzz-$name.out" | tail -n 1)
	took=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$TMP/fuzz-$name.out" | tail -n 1)
	if [ "$rc" -eq 0 ] && [ -n "$runs" ] && { [ -z "$runs_wanted" ] || [ "$runs" -ge "$runs_wanted" ]; }; then
		pass "fuzz-$name ($runs runs, limit $what, ${took:-?} exec/s, no crash)"
	else
		fail "fuzz-$name" "exit status $rc after ${runs:-no} runs (limit $what); crash input kept in $FUZZ/artifacts/:"
		grep -E 'ERROR|SUMMARY|Test unit written|#[0-9]+ in ' "$TMP/fuzz-$name.out" | head -n 25 |
			sed 's/^/      /'
	fi
done
