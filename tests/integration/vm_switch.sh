# vm_switch.sh - the vm-switch benchmark (docs/vm-switch.md): a backend
# with one VM stores it unsupported with the reason; the guest alone says
# needs-two-vms; refhv --vm-switch runs it with a partner VM, survives a
# hostile pair of guests and a pair that never ends, and leaves no partner
# process behind; each prepared test-bed (KVM and Xen, x86-64 and arm64)
# measures it.  Behaviour only: no timing is checked.
. "$(dirname "$0")/lib.sh"
FAST="batches=2 warmup=0 batch_ticks=65536"
OK_END='^HVB end bench=vm-switch variant=- status=ok$'

# no_partner_left NAME IMAGE: no process still runs the image (refhv's
# forked partner included) once refhv has exited
no_partner_left() {
	if pgrep -f "$2" >/dev/null; then fail "$1" "a process still runs $2"; else pass "$1"; fi
}

# ---- one VM: QEMU TCG ----------------------------------------------------------------
# (cpuid too: a run that measured nothing at all ends with status 1)
if command -v qemu-system-x86_64 >/dev/null; then
	expect "vmswitch-tcg-guest" 1 timeout 120 qemu-system-x86_64 -accel tcg -M microvm \
		-m 256M -nodefaults -no-user-config -nographic -debugcon stdio \
		-device isa-debug-exit,iobase=0xf4,iosize=4 -kernel "$GUEST" \
		-append "console=debugcon bench=vm-switch $FAST"
	has "vmswitch-tcg-guest-refuses" "$TMP/vmswitch-tcg-guest.out" \
		'^HVB end bench=vm-switch variant=- status=unsupported reason=needs-two-vms$'
	expect "vmswitch-tcg-run" 0 "$HVBENCH" run $HVB_PATHS --backend qemu-tcg --bench vm-switch,cpuid \
		--batches 2 --db "$TMP/tcg.db"
	equals "vmswitch-tcg-unsupported" "$(sql "$TMP/tcg.db" "select status || ': ' || reason
		from results where benchmark = 'vm-switch'")" \
		"unsupported: needs two VMs on one CPU; qemu-tcg boots one"
else
	skip "vmswitch-tcg" "qemu-system-x86_64 is not installed"
fi

# ---- refhv --vm-switch ---------------------------------------------------------------
if ! kvm_usable; then
	skip "vmswitch-refhv" "/dev/kvm is not usable here"
else
	# private copies, so "is a partner still running?" asks about ours only
	cp "$GUEST" "$TMP/vmswitch-guest.elf"
	cp "$TEST_GUESTS/test-hostile.elf" "$TMP/vmswitch-hostile.elf"
	if expect "vmswitch-refhv" 0 "$REFHV" --timeout 60 --vm-switch \
		--cmdline "console=report bench=vm-switch $FAST" "$TMP/vmswitch-guest.elf"; then
		has "vmswitch-refhv-ok" "$TMP/vmswitch-refhv.out" "$OK_END"
		has "vmswitch-refhv-sample" "$TMP/vmswitch-refhv.out" \
			'^HVB sample bench=vm-switch variant=- unit=cycles kind=op batch=1 iters=[0-9]+ value=[0-9.]+$'
		has "vmswitch-refhv-cross-check" "$TMP/vmswitch-refhv.out" \
			'^vm-switch: one-way in host time \(offsets (exact|estimated)\): main->partner -?[0-9]+ partner->main -?[0-9]+ round trip [0-9]+ ticks'
	fi
	no_partner_left "vmswitch-refhv-partner-gone" "$TMP/vmswitch-guest.elf"
	expect "vmswitch-one-vm" 0 "$REFHV" --timeout 60 \
		--cmdline "console=report bench=vm-switch $FAST" "$TMP/vmswitch-guest.elf" &&
		has "vmswitch-one-vm-refuses" "$TMP/vmswitch-one-vm.out" \
			'^HVB end bench=vm-switch variant=- status=unsupported reason=needs-two-vms$'
	# both VMs hostile: garbage in the shared page, doorbells of every kind
	expect "vmswitch-hostile" 0 "$REFHV" --timeout 120 --vm-switch --cmdline "mode=vmswitch" \
		"$TMP/vmswitch-hostile.elf" &&
		has "vmswitch-hostile-survived" "$TMP/vmswitch-hostile.out" '^hostile: vmswitch survived$'
	# both VMs never finish: the watchdog ends the main VM, and it the partner
	expect "vmswitch-never-ends" 5 "$REFHV" --timeout 2 --vm-switch --cmdline "mode=loop" \
		"$TMP/vmswitch-hostile.elf"
	no_partner_left "vmswitch-hostile-partner-gone" "$TMP/vmswitch-hostile.elf"
	expect "vmswitch-run-refhv" 0 "$HVBENCH" run $HVB_PATHS --backend refhv --bench vm-switch \
		--batches 3 --db "$TMP/refhv.db"
	equals "vmswitch-run-refhv-stored" "$(sql "$TMP/refhv.db" "select status || ':' || (median > 0) || ':' || n
		from summary where benchmark = 'vm-switch' and variant = '-'")" "ok:1:3"
fi

# ---- the test-beds (booting emulated machines: once, in the normal build's pass) ------
if [ "$HVB_VARIANT" = asan ]; then
	skip "vmswitch-testbeds" "runs once, in the normal build's pass"
	exit 0
fi
for tb in kvm-x86_64 xen-x86_64 kvm-aarch64 kvm-aarch64-nvhe xen-aarch64; do
	prepared "${tb%-nvhe}" "vmswitch-$tb" || continue
	EXPECT_TIMEOUT=600 expect "vmswitch-$tb" 0 "$HVBENCH" run --testbed "$tb" --bench vm-switch \
		--batches 3 --timeout 60 --db "$TMP/tb.db" || continue
	equals "vmswitch-$tb-ok" "$(sql "$TMP/tb.db" "select status || ':' || (median > 0) || ':' || emulated
		from summary where testbed = '$tb' and benchmark = 'vm-switch'")" "ok:1:1"
done
