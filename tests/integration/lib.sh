# lib.sh - helpers shared by the integration tests (sourced, not run).
#
# Environment from tests/run-all.sh: HVB_BUILD (build dir), HVB_BIN (the
# bin dir under test: normal or ASan+UBSan), HVB_VARIANT (host|asan).
# Each check prints one "PASS: name", "FAIL: name: why" or "SKIP: name (why)".

: "${HVB_BUILD:?}" "${HVB_BIN:?}"
REFHV="$HVB_BIN/refhv"
HVBENCH="$HVB_BIN/hvbench"
GUEST="$HVB_BUILD/guest/x86_64/guest.elf"
TEST_GUESTS="$HVB_BUILD/guest/x86_64"
# hvbench finds refhv and the guest next to itself; say so explicitly so the
# ASan build of hvbench drives the ASan build of refhv.
HVB_PATHS="--refhv $REFHV --guest $GUEST"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=99"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/hvb-int.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1: $2"; }
skip() { echo "SKIP: $1 ($2)"; }

# expect NAME WANT_STATUS CMD... : run CMD (bounded by a generous outer
# timeout, $EXPECT_TIMEOUT seconds, default 300, so a hang fails instead of
# blocking CI), keep its output in $TMP/NAME.out, and check its exit status.
expect() {
	_name=$1; _want=$2; shift 2
	timeout "${EXPECT_TIMEOUT:-300}" "$@" >"$TMP/$_name.out" 2>&1
	_rc=$?
	if [ "$_rc" -eq "$_want" ]; then pass "$_name"; return 0; fi
	fail "$_name" "exit status $_rc, wanted $_want; output:"
	tail -n 15 "$TMP/$_name.out" | sed 's/^/      /'
	return 1
}

# has NAME FILE REGEX: the file contains a line matching the extended regex.
has() {
	if grep -Eq -- "$3" "$2"; then pass "$1"; return 0; fi
	fail "$1" "no line matching /$3/ in $(basename "$2")"
	tail -n 10 "$2" | sed 's/^/      /'
	return 1
}

# sql DB QUERY: one value from the database (sqlite3 CLI, read-only).
sql() { sqlite3 -readonly -batch -noheader "$1" "$2"; }

# equals NAME GOT WANT
equals() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$2', wanted '$3'"; fi
}

# /dev/kvm counts as usable when we may open it read-write; then the KVM
# tests must run (and pass), never skip.
kvm_usable() { [ -c /dev/kvm ] && [ -r /dev/kvm ] && [ -w /dev/kvm ]; }

# prepared ITEM TESTNAME: true when the set-up step of `make check`
# (scripts/prepare-testbeds.sh) built ITEM (a test-bed, or appbench-x86_64);
# otherwise prints "SKIP: TESTNAME (why)" when its packages could not be
# downloaded, "FAIL: ..." when it failed for another reason, and is false.  Downloads and builds
# happen there, before the tests, never inside a test's timeout.
prepared() {
	_state="$HVB_BUILD/setup/$1.state"
	if [ ! -f "$_state" ]; then
		skip "$2" "$1 not prepared: run scripts/prepare-testbeds.sh $HVB_BUILD (make check does)"
		return 1
	fi
	case $(head -n 1 "$_state") in
	ok:*) return 0 ;;
	broken:*) fail "$2" "$1 could not be built: $(head -n 1 "$_state" | sed 's/^broken: //')"
		tail -n 10 "$HVB_BUILD/setup/$1.log" 2>/dev/null | sed 's/^/      /'
		return 1 ;;
	*) skip "$2" "$1 not available: $(head -n 1 "$_state" | sed 's/^failed: //')"; return 1 ;;
	esac
}
