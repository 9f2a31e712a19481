# overhead.sh - `make bench`'s driver and the floor: kvm-floor boots the guest
# and prints its records; `hvbench overhead --rounds 2` prints a row per
# benchmark and target plus the start-up table, and stores one run per target
# tagged study=overhead; where tracing works (root, tracefs), the userspace
# table has a row per benchmark and target with an ordered 95% CI, the
# floor's own difference is 0 and its ratio 1, and the runs hold the
# userspace results and the ratio tags.  Behaviour only: no number is
# compared with another (even the sign of a net median is noise on a
# loaded nested KVM).
. "$(dirname "$0")/lib.sh"
DB="$TMP/overhead.db"
FLOOR="$HVB_BUILD/bin/kvm-floor"   # plain C, no ASan variant: the same in both passes

if ! kvm_usable; then
	skip "overhead" "/dev/kvm is not usable here"
	exit 0
fi

# ---- kvm-floor on its own ----------------------------------------------------
expect "floor-usage" 2 "$FLOOR"
if expect "floor-boots-guest" 0 timeout 30 "$FLOOR" \
	--cmdline "bench=pio-out-user batches=2 console=debugcon" "$GUEST"; then
	out="$TMP/floor-boots-guest.out"
	has "floor-hello" "$out" '^HVB hello proto=1 arch=x86_64 .* boot=pvh$'
	has "floor-op-sample" "$out" '^HVB sample bench=pio-out-user variant=- unit=cycles kind=op batch=1 '
	has "floor-done" "$out" '^HVB done benches=1$'
fi
expect "floor-guest-failure-is-1" 1 timeout 30 "$FLOOR" --cmdline "bench=no-such console=debugcon" "$GUEST"
expect "floor-bad-image-is-3" 3 "$FLOOR" /etc/hostname

# ---- hvbench overhead ---------------------------------------------------------
if ! command -v qemu-system-x86_64 >/dev/null; then
	fail "overhead" "qemu-system-x86_64 missing"
	exit 0
fi
if expect "overhead-2-rounds" 0 "$HVBENCH" overhead --rounds 2 --batches 2 --batch-ticks 1000000 \
	$HVB_PATHS --floor "$FLOOR" --db "$DB"; then
	out="$TMP/overhead-2-rounds.out"
	for b in pio-out-user mmio-write-user cpuid; do
		for t in kvm-floor refhv qemu-kvm; do
			has "table-$b-$t" "$out" "^$b +$t +2 +-?[0-9.]+ +-?[0-9.]+ +-?[0-9.]+--?[0-9.]+ "
		done
		# The floor's own ratio is 1.000 whenever its net median is positive;
		# a non-positive net median (noise) must print "-", never a ratio.
		equals "floor-ratio-is-1-$b" "$(awk -v b="$b" '/^userspace per exit/ { exit }
			$1 == b && $2 == "kvm-floor" {
			want = ($4 > 0) ? "1.000" : "-"
			good = $9 == want && $11 == "1.000" && $12 == "1.000" && $13 == "1.000-1.000"
			print good ? "ok" : "ratio " $9 " gross " $11 " paired " $12 " " $13 " for net " $4 }' "$out")" ok
	done
	for t in kvm-floor refhv qemu-kvm; do
		has "startup-$t" "$out" "^$t +[0-9.]+ +[0-9.]+-[0-9.]+ +[0-9.]+ +[0-9.]+-[0-9.]+$"
	done
	has "prints-run-ids" "$out" '^run [0-9]+ \(refhv, study=overhead\) stored in '
	equals "stored-runs-tagged" "$(sql "$DB" "select group_concat(backend, ',') from
		(select r.backend from runs r join run_tags t on t.run_id = r.run_id
		 where t.key = 'study' and t.value = 'overhead' and r.status = 'complete'
		 order by r.backend)")" "kvm-floor,qemu-kvm,refhv"
	equals "stored-rows-ok" "$(sql "$DB" "select count(*) from summary
		where status = 'ok' and n = 2 and benchmark <> 'userspace'")" 15
	equals "stored-startup-us" "$(sql "$DB" "select count(*) from summary
		where benchmark = 'startup' and unit = 'us' and variant in ('first-record', 'exit')")" 6
fi

# ---- the userspace table (kernel trace) ---------------------------------------
if [ -f "$TMP/overhead-2-rounds.out" ] && grep -q '^userspace per exit: not measured: ' "$TMP/overhead-2-rounds.out"; then
	skip "overhead-userspace" "$(sed -n 's/^userspace per exit: not measured: //p' "$TMP/overhead-2-rounds.out")"
elif [ -f "$TMP/overhead-2-rounds.out" ]; then
	out="$TMP/overhead-2-rounds.out"
	for b in pio-out-user mmio-write-user; do
		for t in kvm-floor refhv qemu-kvm; do
			# rounds exits user-ns CI exit-ns share diff CI ratio CI, CI low <= median <= high
			equals "userspace-$b-$t" "$(awk -v b="$b" -v t="$t" '
				/^userspace per exit/ { on = 1 }
				on && $1 == b && $2 == t {
					split($6, ci, "-"); split($12, rci, "-")
					# no ratio ("-") only when the floor'"'"'s net exit was not positive (noise)
					ok = $3 == 2 && $4 > 0 && $5 > 0 && ci[1] + 0 <= $5 && $5 <= ci[2] + 0 &&
					     ($11 == "-" ? $12 == "-" : rci[1] + 0 <= $11 && $11 <= rci[2] + 0)
					if (t == "kvm-floor")
						ok = ok && $9 == "0.0" && ($11 == "1.0000" || $11 == "-")
					print ok ? "ok" : "bad row: " $0; found = 1 }
				END { if (!found) print "no row" }' "$out")" ok
		done
	done
	equals "stored-userspace" "$(sql "$DB" "select count(*) from summary
		where benchmark = 'userspace' and unit = 'ns' and status = 'ok' and n = 2")" 6
	# a tag for each ratio the table printed (none where the floor's net exit was not positive)
	equals "stored-ratio-tags" "$(sql "$DB" "select count(*) from run_tags
		where key like 'userspace.ratio.%' and value glob '[0-9].[0-9]* [0-9].[0-9]*-[0-9].[0-9]*'")" \
		"$(awk '/^userspace per exit/ { on = 1 } on && $2 != "kvm-floor" && $11 ~ /^[0-9]/ { n++ }
			END { print n + 0 }' "$out")"
	if expect "overhead-no-userspace" 0 "$HVBENCH" overhead --rounds 1 --batches 2 \
		--batch-ticks 1000000 --no-userspace $HVB_PATHS --floor "$FLOOR" --db "$DB"; then
		has "no-userspace-says-why" "$TMP/overhead-no-userspace.out" \
			'^userspace per exit: not measured: --no-userspace$'
	fi
fi
expect "overhead-bad-rounds" 2 "$HVBENCH" overhead --rounds 0
