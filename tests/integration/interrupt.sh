# interrupt.sh - SIGTERM / SIGINT during `hvbench run`: a plain run, a
# test-bed run and an app-suite run.  Each must end every child it started
# (QEMU, refhv, the test-bed machine), store the benchmarks that finished
# as a partial run (status incomplete, a finish time, a message that says
# "partial run: interrupted by SIG...", run.interrupted in its env), and
# end by that signal (exit status 128 + signal).  The signal is sent once
# the run has stored its first result (or, for the app suite, once its
# machine is up): the moment decides only what there is to keep.
. "$(dirname "$0")/lib.sh"

# wait_for DB SQL: until the query gives a number >= 1 (at most ~10 min).
wait_for() {
	_i=0
	while [ $_i -lt 6000 ]; do
		_n=$(sqlite3 -readonly "$1" "$2" 2>/dev/null)
		[ "${_n:-0}" -ge 1 ] 2>/dev/null && return 0
		kill -0 "$3" 2>/dev/null || return 1
		sleep 0.1; _i=$((_i + 1))
	done
	return 1
}

# wait_for_line FILE REGEX PID: FILE (a run's progress output) has a line
# matching REGEX while PID still runs.
wait_for_line() {
	_i=0
	while [ $_i -lt 6000 ]; do
		grep -Eq -- "$2" "$1" 2>/dev/null && return 0
		kill -0 "$3" 2>/dev/null || return 1
		sleep 0.1; _i=$((_i + 1))
	done
	return 1
}

# descendants PID: every process below PID (its children, theirs, ...).
descendants() {
	ps -eo pid=,ppid= | awk -v root="$1" '
		{ parent[$1] = $2 }
		END { for (p in parent) for (q = parent[p]; q != ""; q = parent[q]) {
			if (q == root) { print p; break }
			if (q <= 1) break } }'
}

# none_left NAME PIDS...: none of these processes still exists.
none_left() {
	_name=$1; shift
	_left=
	for _p in "$@"; do   # a zombie has ended: only its parent's wait is missing
		case $(ps -o stat= -p "$_p" 2>/dev/null) in ''|Z*) ;; *) _left="$_left $_p" ;; esac
	done
	if [ -z "$_left" ]; then pass "$_name (of $# started)"; else
		fail "$_name" "still running:$_left ($(ps -o args= -p "${_left# }" | head -c 200))"; fi
}

# check_partial NAME DB RC WANT_RC PIDS...: the run was cut and kept, and
# the processes it had started are gone.
check_partial() {
	equals "$1-exit-by-signal" "$3" "$4"
	equals "$1-integrity" "$(sql "$2" 'PRAGMA integrity_check')" ok
	equals "$1-partial-run" "$(sql "$2" "SELECT status || ':' || (finished_at IS NOT NULL) || ':' || (message LIKE 'partial run: interrupted by SIG%') FROM runs ORDER BY run_id DESC LIMIT 1")" "incomplete:1:1"
	equals "$1-marked" "$(sql "$2" "SELECT count(*) FROM run_env WHERE key = 'run.interrupted' AND value LIKE 'SIG%'")" 1
	equals "$1-only-finished-stored" "$(sql "$2" "SELECT count(*) FROM results WHERE status <> 'ok' OR n = 0")" 0
	_n=$1; shift 4
	none_left "$_n-no-child-left" "$@"
}

# ---- a plain run (QEMU TCG: works without KVM) ------------------------------
if command -v qemu-system-x86_64 >/dev/null 2>&1; then
	cp "$GUEST" "$TMP/int-guest.elf"
	"$HVBENCH" run --backend qemu-tcg --bench cpuid,pio-out-user,mmio-write-user,pio-out-kernel \
		--batches 1000 --timeout 300 --db "$TMP/plain.db" --refhv "$REFHV" --guest "$TMP/int-guest.elf" \
		>"$TMP/plain.out" 2>&1 &
	pid=$!
	if wait_for "$TMP/plain.db" "SELECT count(*) FROM results" $pid; then
		kids=$(descendants $pid)
		kill -TERM $pid
		wait $pid
		check_partial plain "$TMP/plain.db" $? 143 $kids
		has "plain-says-partial" "$TMP/plain.out" "^run [0-9]+ \(partial\) stored in"
	else
		wait $pid
		fail "plain-run" "no result stored before the run ended: $(tail -n 2 "$TMP/plain.out")"
	fi
else
	skip "interrupt-plain" "qemu-system-x86_64 not installed"
fi

# ---- a test-bed run ------------------------------------------------------------
if [ "${HVB_VARIANT:-host}" != host ]; then
	skip "interrupt-testbed" "runs once, in the normal build's pass"
elif prepared kvm-x86_64 "interrupt-testbed"; then
	cp "$GUEST" "$TMP/tb-guest.elf"
	"$HVBENCH" run --testbed kvm-x86_64 --bench cpuid,pio-out-user,mmio-write-user,pio-out-kernel,mmio-write-kernel \
		--batches 15 --db "$TMP/testbed.db" --guest "$TMP/tb-guest.elf" >"$TMP/testbed.out" 2>&1 &
	pid=$!
	if wait_for "$TMP/testbed.db" "SELECT count(*) FROM results" $pid; then
		kids=$(descendants $pid)
		kill -TERM $pid
		wait $pid
		check_partial testbed "$TMP/testbed.db" $? 143 $kids
	else
		wait $pid
		fail "testbed-run" "no result stored before the run ended: $(tail -n 3 "$TMP/testbed.out")"
	fi
fi

# ---- an app-suite run (SIGINT, as Ctrl-C sends) --------------------------------------
if [ "${HVB_VARIANT:-host}" != host ]; then
	skip "interrupt-app" "runs once, in the normal build's pass"
elif ! command -v qemu-system-x86_64 >/dev/null 2>&1; then
	skip "interrupt-app" "qemu-system-x86_64 not installed"
elif prepared appbench-x86_64 "interrupt-app"; then
	"$HVBENCH" run --suite app --backend qemu-tcg --bench app-tcp-rr,app-hackbench,app-tcp-stream \
		--batches 2 --db "$TMP/app.db" >"$TMP/app.out" 2>&1 &
	pid=$!
	# the native baseline finishes first: interrupt the guest's run once its
	# servers are up (the run step keeps the console in memory until the run
	# is stored, so the progress line says when: the load generator starts)
	if wait_for "$TMP/app.db" "SELECT count(*) FROM runs WHERE backend = 'qemu-tcg'" $pid &&
	   wait_for_line "$TMP/app.out" '^hvbench run: qemu-tcg: app-tcp-rr \.\.\.' $pid; then
		kids=$(descendants $pid)
		kill -INT $pid
		wait $pid
		rc=$?
		equals "app-exit-by-signal" "$rc" 130
		equals "app-native-run-kept" "$(sql "$TMP/app.db" "SELECT status FROM runs WHERE backend = 'native'")" complete
		equals "app-partial-run" "$(sql "$TMP/app.db" "SELECT status || ':' || (message LIKE 'partial run: interrupted by SIGINT%') FROM runs WHERE backend = 'qemu-tcg'")" "incomplete:1"
		equals "app-integrity" "$(sql "$TMP/app.db" 'PRAGMA integrity_check')" ok
		none_left "app-no-machine-left" $kids
	else
		wait $pid
		fail "app-run" "the guest's machine never came up: $(tail -n 3 "$TMP/app.out")"
	fi
fi
