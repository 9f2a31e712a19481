#!/bin/sh
# targets.sh - every exit benchmark's target is what its name says, on each
# backend that can be asked (`hvbench targets`): QEMU's memory tree of the
# exact machine `hvbench run` starts (x86 microvm, arm64 virt, TCG always,
# KVM when usable), refhv's --devices (x86, and refhv-aarch64 through
# qemu-aarch64), and a refhv that claims the port makes it fail.
. "$(dirname "$0")/lib.sh"

expect targets-all 0 "$HVBENCH" targets --refhv "$REFHV"
out="$TMP/targets-all.out"
has targets-qemu-tcg-x86-pio-user "$out" '^  qemu-tcg +x86_64 +host +pio-out-user +port 0x700 .*ok \(unassigned\)$'
has targets-qemu-tcg-x86-mmio-user "$out" '^  qemu-tcg +x86_64 +host +mmio-write-user +mmio 0xd0000000 .*ok \(unassigned\)$'
has targets-qemu-tcg-x86-iolat "$out" '^  qemu-tcg +x86_64 +host +io-latency-out +port 0x704 .*ok \(unassigned\)$'
has targets-qemu-tcg-arm64-mmio-user "$out" '^  qemu-tcg +aarch64 +host +mmio-write-user +mmio 0xb000000 .*ok \(unassigned\)$'
has targets-refhv-pio-user "$out" '^  refhv +x86_64 +host +pio-out-user +port 0x700 +- +ok \(unassigned\)$'
has targets-refhv-pio-kernel "$out" '^  refhv +x86_64 +host +pio-out-kernel +port 0x702 +ioeventfd +ok \(ioeventfd\)$'
if command -v qemu-aarch64 >/dev/null; then
	has targets-refhv-aarch64 "$out" '^  refhv +aarch64 +kvm-aarch64 +mmio-write-kernel +mmio 0xb001000 +ioeventfd +ok \(ioeventfd\)$'
else
	skip targets-refhv-aarch64 "qemu-aarch64 (qemu-user) not installed"
fi
has targets-xen-says-why "$out" '^  xen +x86_64 +host +not checked: Xen has no device model'
if grep -Eq 'CLAIMED|NOT BOUND|UNKNOWN' "$out"; then
	fail targets-none-claimed "$(grep -E 'CLAIMED|NOT BOUND|UNKNOWN' "$out" | head -3)"
else
	pass targets-none-claimed
fi

# A refhv whose map puts a device on the user port must be caught.
cat >"$TMP/claiming-refhv" <<'SH'
#!/bin/sh
printf 'port 0x3f8 8 uart\nport 0x700 1 bench-user\nioeventfd port 0x702 bench-kernel\n'
SH
chmod +x "$TMP/claiming-refhv"
if expect targets-claimed-fails 1 "$HVBENCH" targets --backend refhv --arch x86_64 \
	--refhv "$TMP/claiming-refhv"; then
	has targets-claimed-row "$TMP/targets-claimed-fails.out" \
		'^  refhv +x86_64 +host +pio-out-user +port 0x700 +bench-user +CLAIMED$'
	has targets-unbound-row "$TMP/targets-claimed-fails.out" \
		'mmio-write-kernel +mmio 0xd0001000 +- +NOT BOUND'
fi

expect targets-bad-arch 2 "$HVBENCH" targets --arch sparc
expect targets-bad-backend 2 "$HVBENCH" targets --backend nope
