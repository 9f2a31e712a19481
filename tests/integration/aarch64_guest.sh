# aarch64_guest.sh - the arm64 guest (a Linux Image) boots under QEMU TCG
# through hvbench, and the arm64 benchmarks land in the store with the
# guest's own counter frequency, marked emulated.
. "$(dirname "$0")/lib.sh"
DB="$TMP/a64.db"
IMG="$HVB_BUILD/guest/aarch64/guest.img"

if ! command -v qemu-system-aarch64 >/dev/null; then
	fail "aarch64-qemu" "qemu-system-aarch64 missing (scripts/install-deps.sh installs it)"
	exit 0
fi
equals "image-magic" "$(dd if="$IMG" bs=1 skip=56 count=4 2>/dev/null)" "ARM$(printf '\144')"

if expect "run-aarch64-tcg" 0 "$HVBENCH" run --arch aarch64 --backend qemu-tcg --guest "$IMG" \
	--bench hypercall,ipi,eoi,mmio-write-user,ic-trap --batches 3 --db "$DB"; then
	for b in hypercall:- ipi:send ipi:roundtrip eoi:- mmio-write-user:- ic-trap:-; do
		name=${b%%:*}; variant=${b#*:}
		equals "aarch64-$name-$variant-ok" "$(sql "$DB" "select status || ':' || (median > 0)
			from summary where benchmark='$name' and variant='$variant'")" "ok:1"
	done
	# QEMU TCG answers the unbacked store with a data abort, not an exit:
	# the result says so; the hypercall has nothing to add
	equals "aarch64-mmio-abort-noted" "$(sql "$DB" "select benchmark || ':' || coalesce(reason, '-')
		from results where benchmark in ('mmio-write-user', 'hypercall') order by benchmark")" \
		"hypercall:-
mmio-write-user:data-abort-not-an-exit"
	has "aarch64-mmio-note-printed" "$TMP/run-aarch64-tcg.out" '^  note: data-abort-not-an-exit$'
	equals "aarch64-arch-and-unit" "$(sql "$DB" "select distinct arch || ' ' || unit || ' ' || emulated from summary")" \
		"aarch64 ticks 1"
	# The counter frequency is the guest's (CNTFRQ_EL0), never the host's TSC.
	equals "aarch64-tick-from-guest" "$(sql "$DB" "select tick_source from runs")" "guest-cntvct"
fi
