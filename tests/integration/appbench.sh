# appbench.sh - the application suite end to end (hvbench run --suite app):
# the Linux guest under qemu-tcg plus its native baseline, for hackbench
# (measured inside the machine) and TCP_RR (driven from the host); what is
# stored, and the normalised value; then the same guest as a Xen domU in
# the emulated xen-x86_64 test-bed (--testbed), with nginx too, its network
# bridged in dom0.  The other workloads are left out for time (the whole
# suite takes ~2 minutes under TCG, as in the Xen test-bed).
. "$(dirname "$0")/lib.sh"
DB="$TMP/app.db"
APPB="$HVB_BIN/appb"
T=app

if ! command -v qemu-system-x86_64 >/dev/null; then
	fail "$T-qemu" "qemu-system-x86_64 missing (scripts/install-deps.sh)"
	exit 0
fi
[ -x "$APPB" ] || { fail "$T-appb" "$APPB missing (make)"; exit 0; }

# The Linux guest and the Xen test-bed are built from Debian packages by
# make check's set-up step (scripts/prepare-testbeds.sh), before the tests.
prepared appbench-x86_64 "$T-build" || exit 0
pass "$T-build"

"$HVBENCH" list >"$TMP/list.out" 2>&1
has "$T-list-tcg" "$TMP/list.out" '^    qemu-tcg +yes'
if [ -e /sys/module/kvm_pvm ]; then
	has "$T-list-kvm-refused" "$TMP/list.out" '^    qemu-kvm +no \(kvm_pvm'
fi

expect "$T-unknown-bench" 2 "$HVBENCH" run --suite app --bench app-nonsense --db "$DB"

if expect "$T-run" 0 "$HVBENCH" run --suite app --backend qemu-tcg \
	--bench app-hackbench,app-tcp-rr --batches 2 --db "$DB"; then
	for b in app-hackbench app-tcp-rr; do
		for backend in native qemu-tcg; do
			equals "$T-$backend-$b-ok" "$(sql "$DB" "select status || ':' || n || ':' ||
				(median > 0) from summary where backend='$backend' and benchmark='$b'")" "ok:2:1"
		done
	done
	equals "$T-native-is-host" "$(sql "$DB" "select distinct hypervisor || '/' || testbed ||
		'/' || emulated from summary where backend='native'")" "none/host/0"
	equals "$T-tcg-emulated" "$(sql "$DB" "select distinct emulated from summary
		where backend='qemu-tcg'")" 1
	equals "$T-same-root" "$(sql "$DB" "select count(distinct guest_sha256) from runs")" 1
	equals "$T-direction" "$(sql "$DB" "select value from run_env where
		key='app.better.app-tcp-rr'" | sort -u)" lower
	# stored normalised value = native median / guest median (lower is better)
	got=$(sql "$DB" "select printf('%.4f', e.value) from run_env e join summary s
		on s.run_id = e.run_id where e.key = 'app.normalised.app-hackbench'
		and s.benchmark = 'app-hackbench'")
	want=$(sql "$DB" "select printf('%.4f', n.median / g.median) from summary n, summary g
		where n.backend='native' and g.backend='qemu-tcg'
		and n.benchmark='app-hackbench' and g.benchmark='app-hackbench'")
	equals "$T-normalised" "$got" "$want"
	has "$T-table" "$TMP/$T-run.out" '^app-hackbench +s +lower '
fi

# ---- the Xen test-bed: the guest as a domU, dom0's bridge to QEMU's network --
prepared xen-x86_64 "$T-xen-build" || exit 0
pass "$T-xen-build"
has "$T-list-xen-testbed" "$TMP/list.out" '^    xen@xen-x86_64 +yes'
has "$T-list-kvm-testbed-refused" "$TMP/list.out" '^    refhv@kvm-x86_64 +no \(test-bed kvm-x86_64 runs'
expect "$T-xen-unknown-testbed" 2 "$HVBENCH" run --suite app --testbed no-such-bed --db "$DB"
expect "$T-xen-kvm-testbed-refused" 1 "$HVBENCH" run --suite app --testbed kvm-x86_64 --db "$DB"
XB="app-hackbench,app-tcp-rr,app-nginx"
if expect "$T-xen-run" 0 "$HVBENCH" run --suite app --testbed xen-x86_64 --bench "$XB" \
	--batches 2 --db "$DB"; then
	for b in $(echo "$XB" | tr , ' '); do
		equals "$T-xen-$b-ok" "$(sql "$DB" "select status || ':' || n || ':' || (median > 0)
			from summary where testbed='xen-x86_64' and benchmark='$b'")" "ok:2:1"
	done
	xen_run=$(sql "$DB" "select max(run_id) from runs where testbed='xen-x86_64'")
	equals "$T-xen-run-labelled" "$(sql "$DB" "select backend || '/' || hypervisor || '/' ||
		emulated || '/' || (hypervisor_version like '4.17%') from runs where run_id=$xen_run")" \
		"xen/xen/1/1"
	equals "$T-xen-one-vcpu" "$(sql "$DB" "select vcpus || '/' || (select count(*) from run_env
		where run_id=$xen_run and key='app.vcpus_note') from runs where run_id=$xen_run")" "1/1"
	# its baseline is the native run of the same invocation, just before it
	equals "$T-xen-native-baseline" "$(sql "$DB" "select r.backend || '/' || r.testbed from run_env e
		join runs r on r.run_id = e.value where e.run_id=$xen_run and e.key='app.native_run'")" \
		"native/host"
	equals "$T-xen-native-same-invocation" "$(sql "$DB" "select value from run_env
		where run_id=$xen_run and key='app.native_run'")" "$((xen_run - 1))"
	equals "$T-xen-env" "$(sql "$DB" "select count(*) from run_env where run_id=$xen_run and
		key in ('testbed.xen_version', 'testbed.qemu', 'testbed.dom0_kernel',
		'app.normalised.app-nginx')")" 4
	equals "$T-xen-netfront" "$(sql "$DB" "select count(*) from run_log where run_id=$xen_run
		and text like '%APPB error%'")" 0
	has "$T-xen-table" "$TMP/$T-xen-run.out" '^app-nginx +req/s +higher +[0-9.e+]+ +[0-9.e+]+ +[0-9.e+-]+$'
	has "$T-xen-emulated-note" "$TMP/$T-xen-run.out" '^\(xen@xen-x86_64 is emulated'
	# The figure: each column normalised to its own invocation's native run
	# (the value the run stored), a log axis when some ratio is below 0.05.
	if expect "$T-plot" 0 "$HVBENCH" plot --db "$DB" -o "$TMP/fig"; then
		want=$(sql "$DB" "select printf('%.6g', value) from run_env where run_id=$xen_run
			and key='app.normalised.app-nginx'")
		has "$T-plot-own-baseline" "$TMP/fig/apps.dat" "^\"nginx\"( [0-9.e?-]+)* $want( |\$)"
		small=$(awk '!/^#/ { for (i = 2; i <= NF; i++) if ($i != "?" && $i < 0.05) s = 1 }
			END { print s + 0 }' "$TMP/fig/apps.dat")
		has "$T-plot-axis" "$TMP/fig/apps-inputs.gp" "^logy = $small\$"
	fi
fi
