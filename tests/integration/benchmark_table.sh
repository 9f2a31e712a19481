#!/bin/sh
# benchmark_table.sh - the README's benchmark table covers every benchmark
# of `hvbench list` (itself expanded from include/hvb-benchmarks.def, the
# table the guest is built from): a benchmark added without a README row,
# or an arm64 one without an "arm64" row, fails here.
. "$(dirname "$0")/lib.sh"

readme="${HVB_TOP:-.}/README.md"
expect bench-list 0 "$HVBENCH" list
# the benchmarks section: "  NAME VARIANTS ARCH WHAT", up to the blank line
sed -n '/^benchmarks:/,/^$/p' "$TMP/bench-list.out" | tail -n +3 | grep . >"$TMP/benches"
[ -s "$TMP/benches" ] || fail bench-list-parsed "no benchmarks in hvbench list"
missing=""
while read -r name variants arch rest; do
	# a shown variant list with spaces ("4k|2m x 4k..1g") shifts the columns
	case $arch in x86_64 | aarch64) ;; *) arch=$(echo "$rest" | tr ' ' '\n' | grep -E '^(x86_64|aarch64)$' | head -n 1) ;; esac
	if [ "$arch" = aarch64 ]; then
		rows=$(grep -E '^\| arm64 [^|]*`'"$name"'`' "$readme")
	else
		rows=$(grep -E '^\| [^|]*`'"$name"'`' "$readme" | grep -v '^| arm64')
	fi
	[ -n "$rows" ] || missing="$missing $arch/$name"
done <"$TMP/benches"
if [ -z "$missing" ]; then pass readme-benchmark-rows; else fail readme-benchmark-rows "no README row for:$missing"; fi
