# lib.sh - what every lab script shares (sourced, not run): the options
# (--quick, --db FILE, -o DIR), where the programs are, the one results
# database, and small helpers.  POSIX sh.
#
#   labs/N-name.sh [--quick] [--db FILE] [-o DIR]
#
#   --quick   fewer batches and instructions (what `make check` runs)
#   --db      the database every lab stores into (default: labs-results/labs.db
#             in the current directory, or $LABS_DB)
#   -o DIR    where the lab's files go (default: labs-results/ beside the
#             database); each lab writes DIR/labN/
#
# Environment: LABS_BIN (default: this tree's build/bin), LABS_GUEST_DIR
# (default build/guest), HVBENCH_CACHE (the test-bed cache, shared by a room),
# LABS_NO_KVM=1 (behave as if /dev/kvm were not usable).
# shellcheck shell=sh

LABS_TOP=$(cd "$(dirname "$0")/.." && pwd)
LABS_BIN=${LABS_BIN:-$LABS_TOP/build/bin}
LABS_GUEST_DIR=${LABS_GUEST_DIR:-$LABS_TOP/build/guest}
HVBENCH="$LABS_BIN/hvbench"
REFHV="$LABS_BIN/refhv"
GUEST_X86="$LABS_GUEST_DIR/x86_64/guest.elf"
QUICK=0
DB=${LABS_DB:-}
OUTDIR=""

die() { echo "$(basename "$0"): $*" >&2; exit 1; }
say() { echo "== $*"; }

labs_usage() {
	echo "usage: $(basename "$0") [--quick] [--db FILE] [-o DIR]" >&2
	exit 2
}

# labs_init N "$@": parse the options, make DIR/labN, check the programs.
labs_init() {
	LAB=$1; shift
	while [ $# -gt 0 ]; do
		case $1 in
		--quick) QUICK=1; shift ;;
		--db) [ $# -ge 2 ] || labs_usage; DB=$2; shift 2 ;;
		-o) [ $# -ge 2 ] || labs_usage; OUTDIR=$2; shift 2 ;;
		-h|--help) labs_usage ;;
		*) labs_usage ;;
		esac
	done
	DB=${DB:-labs-results/labs.db}
	OUTDIR=${OUTDIR:-$(dirname "$DB")}
	OUT="$OUTDIR/lab$LAB"
	mkdir -p "$OUT" "$(dirname "$DB")" || die "cannot create $OUT"
	[ -x "$HVBENCH" ] || die "$HVBENCH not found: run 'make' in $LABS_TOP first"
	command -v sqlite3 >/dev/null || die "sqlite3 not found (apt-get install sqlite3)"
	LAB_STARTED=$(date +%s)
	say "lab $LAB: results in $DB, files in $OUT$( [ $QUICK = 1 ] && echo ' (quick mode)')"
}

# kvm_usable: may this user open /dev/kvm read-write?  LABS_NO_KVM=1 says
# no, to follow the labs as on a laptop without KVM.
kvm_usable() { [ "${LABS_NO_KVM:-0}" != 1 ] && [ -c /dev/kvm ] && [ -r /dev/kvm ] && [ -w /dev/kvm ]; }

# testbed_ready NAME: is test-bed NAME built in the cache (hvbench testbed list)?
testbed_ready() {
	"$HVBENCH" testbed list 2>/dev/null | awk -v n="$1:" '$1 == n && $2 == "built" { ok = 1 } END { exit !ok }'
}

# hvb_run ARGS...: hvbench run into the lab database, tagged lab=N; the
# output is kept in $OUT/run-K.txt and the new run id printed.
HVB_RUNS=0
hvb_run() {
	HVB_RUNS=$((HVB_RUNS + 1))
	_log="$OUT/run-$HVB_RUNS.txt"
	nice -n 10 "$HVBENCH" run --db "$DB" --tag lab="$LAB" "$@" >"$_log" 2>&1
	_rc=$?
	_id=$(sed -n 's/^run \([0-9][0-9]*\) stored in .*/\1/p' "$_log" | tail -n 1)
	if [ -z "$_id" ]; then
		echo "hvbench run $* failed (status $_rc); its output:" >&2
		tail -n 15 "$_log" >&2
		return 1
	fi
	echo "$_id"
}

# run_mark: the newest run id in the database now (0 when there is none);
# runs_since MARK: the ids of this lab's runs stored after it, comma-separated.
run_mark() { [ -s "$DB" ] && q "select coalesce(max(run_id), 0) from runs" || echo 0; }
runs_since() {
	q "select group_concat(run_id) from (select r.run_id from runs r join run_tags t on t.run_id = r.run_id
	   where t.key = 'lab' and t.value = '$LAB' and r.run_id > $1 order by r.run_id)"
}

# q SQL: one query on the lab database.
q() { sqlite3 -batch -noheader -separator ' ' "$DB" "$1"; }

# labs_done: how long the lab took, for its page's "time here" line.
labs_done() {
	say "lab $LAB done in $(( $(date +%s) - LAB_STARTED )) s; see $OUT"
}
