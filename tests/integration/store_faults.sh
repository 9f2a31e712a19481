# store_faults.sh - the database's disk fills up mid-run, or the database
# is on a read-only file system: hvbench says so clearly, exits 4, the
# runs committed before stay intact (integrity_check ok), and the failed
# run's measurements are in the recovery file the error names, from which
# `hvbench import` merges them back.  The read commands (show, export)
# still read the read-only database, and leave nothing beside it.
#
# The full disk is a small tmpfs of our own, the read-only one a read-only
# bind mount, both in a private mount namespace (unshare -rm: no root
# needed, nothing left mounted).  The disk is filled once the run has
# stored its first result, so the run is cut in the middle.
. "$(dirname "$0")/lib.sh"

if ! unshare -rm true 2>/dev/null; then
	skip "store-faults" "cannot make a private mount namespace (unshare -rm)"
	exit 0
fi
if kvm_usable; then BACKEND=refhv
elif command -v qemu-system-x86_64 >/dev/null 2>&1; then BACKEND=qemu-tcg
else skip "store-faults" "neither /dev/kvm nor qemu-system-x86_64"; exit 0; fi
BENCHES=cpuid,pio-out-user,mmio-write-user,pio-out-kernel,mmio-write-kernel
mkdir -p "$TMP/recovery" "$TMP/mnt" "$TMP/ro-src" "$TMP/ro"
export TMPDIR="$TMP/recovery"   # where the recovery file goes when the disk is full

# ---- full disk ------------------------------------------------------------
cat > "$TMP/full.sh" <<SH
set -u
mount -t tmpfs -o size=4m hvb-full "$TMP/mnt" || exit 90
"$HVBENCH" run --backend $BACKEND --bench cpuid --batches 2 --db "$TMP/mnt/r.db" $HVB_PATHS \
	>"$TMP/full-first.out" 2>&1 || exit 91
"$HVBENCH" run --backend $BACKEND --bench $BENCHES --batches 30 --timeout 120 \
	--db "$TMP/mnt/r.db" $HVB_PATHS >"$TMP/full-run.out" 2>&1 &
pid=\$!
i=0
while [ \$i -lt 3000 ]; do   # until run 2 has a result (or the run ended)
	n=\$(sqlite3 -readonly "$TMP/mnt/r.db" "SELECT count(*) FROM results WHERE run_id = 2" 2>/dev/null)
	[ "\${n:-0}" -ge 1 ] && break
	kill -0 \$pid 2>/dev/null || break
	sleep 0.1; i=\$((i + 1))
done
dd if=/dev/zero of="$TMP/mnt/fill" bs=4k 2>/dev/null
df -B1 --output=avail "$TMP/mnt" | tail -n 1 | tr -d ' ' >"$TMP/full-free"
wait \$pid
echo \$? >"$TMP/full-rc"
rm -f "$TMP/mnt/fill"      # room again: the recovery can be merged back
f=\$(sed -n "s/.*the measurements are kept in \([^:]*\): .*/\1/p" "$TMP/full-run.out" | head -n 1)
echo "\$f" >"$TMP/full-file"
sqlite3 -readonly "$TMP/mnt/r.db" "PRAGMA integrity_check" >"$TMP/full-integrity"
sqlite3 -readonly "$TMP/mnt/r.db" "SELECT status || ':' || (SELECT count(*) FROM results WHERE run_id = 1) FROM runs WHERE run_id = 1" >"$TMP/full-run1"
[ -n "\$f" ] && "$HVBENCH" import "\$f" --db "$TMP/mnt/r.db" >"$TMP/full-import.out" 2>&1
sqlite3 -readonly "$TMP/mnt/r.db" "SELECT count(*) FROM runs WHERE status = 'complete' AND (SELECT count(*) FROM results AS x WHERE x.run_id = runs.run_id) = 5" >"$TMP/full-merged"
umount "$TMP/mnt"
SH
unshare -rm sh "$TMP/full.sh"
rc=$?
if [ "$rc" -ne 0 ]; then
	fail "full-setup" "exit status $rc"; tail -n 5 "$TMP"/full-*.out 2>/dev/null | sed 's/^/      /'
else
	pass "full-setup (the disk filled with $(cat "$TMP/full-free") bytes free)"
	equals "full-exit-status" "$(cat "$TMP/full-rc")" 4
	has "full-error-says-full" "$TMP/full-run.out" "cannot write to .*/r\.db \(database or disk is full"
	file=$(cat "$TMP/full-file")
	if [ -n "$file" ] && [ -f "$file" ]; then pass "full-recovery-file-named ($file)"; else
		fail "full-recovery-file-named" "no recovery file named or it is missing: '$file'"; fi
	equals "full-earlier-runs-intact" "$(cat "$TMP/full-integrity"):$(cat "$TMP/full-run1")" "ok:complete:1"
	if [ -n "$file" ] && [ -f "$file" ]; then
		equals "full-recovery-has-whole-run" "$(sql "$file" "SELECT status || ':' || (SELECT count(*) FROM results) || ':' || (SELECT count(*) FROM samples WHERE kind = 'op') FROM runs")" "complete:5:150"
		equals "full-recovery-integrity" "$(sql "$file" 'PRAGMA integrity_check')" ok
	fi
	equals "full-import-merges-it-back" "$(cat "$TMP/full-merged")" 1
fi

# ---- read-only file system ------------------------------------------------------
"$HVBENCH" run --backend $BACKEND --bench cpuid --batches 2 --db "$TMP/ro-src/r.db" $HVB_PATHS \
	>"$TMP/ro-first.out" 2>&1 || fail "ro-first-run" "exit status $?"
before=$(sql "$TMP/ro-src/r.db" "SELECT count(*) FROM samples")
cat > "$TMP/ro.sh" <<SH
mount --bind "$TMP/ro-src" "$TMP/ro" && mount -o remount,bind,ro "$TMP/ro" || exit 90
"$HVBENCH" run --backend $BACKEND --bench cpuid,pio-out-user --batches 3 --db "$TMP/ro/r.db" \
	$HVB_PATHS >"$TMP/ro-run.out" 2>&1
echo \$? >"$TMP/ro-rc"
# the read commands on the read-only database (a WAL file whose folder
# cannot hold its -shm): they read, and change nothing
"$HVBENCH" show latest --db "$TMP/ro/r.db" >"$TMP/ro-show.out" 2>&1
echo \$? >"$TMP/ro-show-rc"
"$HVBENCH" export --format csv --db "$TMP/ro/r.db" >"$TMP/ro-export.out" 2>&1
echo \$? >"$TMP/ro-export-rc"
umount "$TMP/ro"
SH
ro_files_before=$(ls "$TMP/ro-src" | tr '\n' ' ')
unshare -rm sh "$TMP/ro.sh" || fail "ro-setup" "exit status $?"
equals "ro-exit-status" "$(cat "$TMP/ro-rc")" 4
equals "ro-show-reads" "$(cat "$TMP/ro-show-rc")" 0
has "ro-show-prints-run" "$TMP/ro-show.out" '^run 1 '
equals "ro-export-reads" "$(cat "$TMP/ro-export-rc")" 0
has "ro-export-has-rows" "$TMP/ro-export.out" '^1,.*,cpuid,'
equals "ro-read-leaves-nothing" "$(ls "$TMP/ro-src" | tr '\n' ' ')" "$ro_files_before"
has "ro-error-says-read-only" "$TMP/ro-run.out" "cannot write to .*/r\.db \(.*read-only file system"
file=$(sed -n "s/.*the measurements are kept in \([^:]*\): .*/\1/p" "$TMP/ro-run.out" | head -n 1)
if [ -n "$file" ] && [ -f "$file" ]; then
	pass "ro-recovery-file-named"
	equals "ro-recovery-has-run" "$(sql "$file" "SELECT status || ':' || (SELECT count(*) FROM results WHERE status = 'ok') FROM runs")" "complete:2"
else
	fail "ro-recovery-file-named" "no recovery file in the output: $(tail -n 2 "$TMP/ro-run.out")"
fi
equals "ro-database-untouched" "$(sql "$TMP/ro-src/r.db" 'PRAGMA integrity_check'):$(sql "$TMP/ro-src/r.db" 'SELECT count(*) FROM samples')" "ok:$before"
if expect "ro-import-merges-it-back" 0 "$HVBENCH" import "$file" --db "$TMP/ro-src/r.db"; then
	equals "ro-merged-runs" "$(sql "$TMP/ro-src/r.db" "SELECT count(*) FROM runs WHERE status = 'complete'")" 2
fi
