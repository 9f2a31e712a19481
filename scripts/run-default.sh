#!/bin/sh
# run-default.sh BUILD - what `make run` does after building: run the default
# suite on every backend usable here, store it in results/hvbench.db, draw the
# figures into results/ and print where everything went.
set -eu
BUILD=${1:-build}
HVBENCH="$BUILD/bin/hvbench"
DB=${HVBENCH_DB:-results/hvbench.db}
OUT=$(dirname "$DB")
mkdir -p "$OUT"

"$HVBENCH" list
echo
"$HVBENCH" run --backend all --db "$DB"
echo
"$HVBENCH" plot --db "$DB" -o "$OUT"
echo
echo "results: $DB (sqlite3 $DB 'select * from summary')"
for f in "$OUT"/bars-*.png; do [ -f "$f" ] && echo "figure: ${f%.png}.{pdf,svg,png}"; done
echo "all figures: $OUT/"
