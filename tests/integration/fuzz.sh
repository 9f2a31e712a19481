# fuzz.sh - run every libFuzzer target (build/fuzz/fuzz_*) for a bounded
# time; PASS when it finds no crash, leak or timeout.
#
# Runs once, with the sanitizer build (HVB_VARIANT=asan); the fuzzers carry
# their own ASan+UBSan.  HVB_FUZZ_SECONDS sets the time per target (default
# 15 in `make check`; `make fuzz FUZZ_SECONDS=3600` for long runs).  The
# corpus grows in build/fuzz/corpus/NAME across runs; a crashing input is
# kept in build/fuzz/artifacts/ (replay: build/fuzz/fuzz_NAME FILE).
. "$(dirname "$0")/lib.sh"

[ "${HVB_VARIANT:-asan}" = asan ] || exit 0
seconds=${HVB_FUZZ_SECONDS:-15}
FUZZ="$HVB_BUILD/fuzz"
if ! ls "$FUZZ"/fuzz_* >/dev/null 2>&1; then
	skip "fuzz" "no fuzz targets built (clang missing?)"
	exit 0
fi
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"

# Seeds: the real guest images for the ELF loader, protocol lines for the
# record parser; the other targets start from nothing.
mkdir -p "$TMP/seeds/pvh_elf" "$TMP/seeds/record" "$TMP/seeds/arm64_image" "$TMP/seeds/exit_dispatch"
for elf in "$TEST_GUESTS"/*.elf; do [ -f "$elf" ] && cp "$elf" "$TMP/seeds/pvh_elf/"; done
i=0
while IFS= read -r line; do
	i=$((i + 1)); printf '%s\n' "$line" > "$TMP/seeds/record/line$i"
done <<'LINES'
HVB hello proto=1 arch=x86_64 build=6c1e tick=tsc tick_hz=2595124000 cpus=1 hv=kvm vendor=amd boot=pvh
HVB begin bench=cpuid variant=- unit=cycles
HVB sample bench=cpuid variant=- unit=cycles kind=empty batch=0 iters=1024 value=2.031
HVB sample bench=cpuid variant=- unit=cycles kind=op batch=0 iters=1024 value=3907.114
HVB end bench=cpuid variant=- status=ok
HVB end bench=ipi variant=send status=unsupported reason=no-second-vcpu
HVB done benches=1
HVB error msg=exception vector=0x06 rip=0x10013e
LINES
cat "$TMP"/seeds/record/line* > "$TMP/seeds/record/session"

for bin in "$FUZZ"/fuzz_*; do
	[ -x "$bin" ] || continue
	name=${bin##*/fuzz_}
	corpus="$FUZZ/corpus/$name"
	mkdir -p "$corpus" "$FUZZ/artifacts"
	timeout $((seconds + 120)) "$bin" -max_total_time="$seconds" -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$FUZZ/artifacts/$name-" \
		"$corpus" "$TMP/seeds/$name" >"$TMP/fuzz-$name.out" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$TMP/fuzz-$name.out" | tail -n 1)
	if [ "$rc" -eq 0 ] && [ -n "$runs" ]; then
		pass "fuzz-$name ($runs runs in ${seconds}s, no crash)"
	else
		fail "fuzz-$name" "exit status $rc; crash input kept in $FUZZ/artifacts/:"
		grep -E 'ERROR|SUMMARY|Test unit written|#[0-9]+ in ' "$TMP/fuzz-$name.out" | head -n 25 |
			sed 's/^/      /'
	fi
done
