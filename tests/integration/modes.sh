#!/bin/sh
# modes.sh - `hvbench show` flags a benchmark whose empty-loop samples fall
# into two states (harness/stats/modes.c), and only then.  A real qemu-tcg run is
# stored; its empty samples are then rewritten to two states (as this
# host's nested KVM produces them) and to one state.
. "$(dirname "$0")/lib.sh"

DB="$TMP/modes.db"
if ! expect modes-run 0 "$HVBENCH" run --backend qemu-tcg $HVB_PATHS --bench cpuid,pio-out-user \
	--batches 12 --db "$DB"; then
	exit 0
fi
run=$(sqlite3 "$DB" 'select max(run_id) from runs')
cpuid="(select result_id from results where run_id = $run and benchmark = 'cpuid')"

# two states: 4 of 12 batches at 50, the rest at 40 (plus a little noise)
sqlite3 "$DB" "update samples set value = case when batch % 3 = 0 then 50.0 else 40.0 end + batch * 0.01
	where kind = 'empty' and result_id = $cpuid"
if expect modes-show-two-states 0 "$HVBENCH" show --db "$DB" "$run"; then
	has modes-bimodal-flagged "$TMP/modes-show-two-states.out" \
		'^warning: cpuid: the empty loop is bimodal \(two states, 40\.[0-9] and 50\.[0-9] cycles per iteration, 4 of 12 batches in the upper'
fi

# one state
sqlite3 "$DB" "update samples set value = 40.0 + batch * 0.05 where kind = 'empty' and result_id = $cpuid"
if expect modes-show-one-state 0 "$HVBENCH" show --db "$DB" "$run"; then
	if grep -q 'cpuid: the empty loop is bimodal' "$TMP/modes-show-one-state.out"; then
		fail modes-one-state-not-flagged "a single state was called bimodal"
	else
		pass modes-one-state-not-flagged
	fi
fi

# `hvbench run` prints the same warning under its table: a stand-in refhv
# reports a cpuid whose empty loop has two states (the refhv backend needs
# a usable /dev/kvm to be chosen at all).
if kvm_usable; then
	cat >"$TMP/two-state-refhv" <<'SH'
#!/bin/sh
echo "HVB hello proto=1 arch=x86_64 build=0 tick=tsc tick_hz=2595124000 cpus=1 hv=kvm vendor=amd boot=pvh"
echo "HVB begin bench=cpuid variant=- unit=cycles"
for b in 0 1 2 3 4 5 6 7 8 9 10 11; do
	e=40.000; [ $((b % 3)) -eq 0 ] && e=50.000
	echo "HVB sample bench=cpuid variant=- unit=cycles kind=empty batch=$b iters=1024 value=$e"
	echo "HVB sample bench=cpuid variant=- unit=cycles kind=op batch=$b iters=1024 value=1000.000"
done
echo "HVB end bench=cpuid variant=- status=ok"
echo "HVB done benches=1"
SH
	chmod +x "$TMP/two-state-refhv"
	if expect modes-run-flags 0 "$HVBENCH" run --backend refhv --refhv "$TMP/two-state-refhv" \
		--guest "$GUEST" --bench cpuid --db "$TMP/fake.db"; then
		has modes-run-warning "$TMP/modes-run-flags.out" \
			'^warning: cpuid: the empty loop is bimodal \(two states, 40\.0 and 50\.0 cycles per iteration, 4 of 12'
	fi
else
	skip modes-run-flags "/dev/kvm is not usable here"
fi
