# refhv_boot.sh - refhv boots the real guest and the test guests, and
# refuses malformed guest images with a clear message.
. "$(dirname "$0")/lib.sh"

# ---- malformed images: need no KVM, the loader runs before the VM ------------
printf 'not an elf at all\n' > "$TMP/text.elf"
head -c 40 "$GUEST" > "$TMP/truncated.elf"
head -c 65536 /dev/urandom > "$TMP/random.elf"
# A valid header whose program headers point far beyond the end of the file.
cp "$GUEST" "$TMP/badphoff.elf"
printf '\377\377\377\177' | dd of="$TMP/badphoff.elf" bs=1 seek=32 conv=notrunc 2>/dev/null
for img in text truncated random badphoff; do
	expect "malformed-$img-refused" 3 "$REFHV" --timeout 5 "$TMP/$img.elf" &&
		has "malformed-$img-message" "$TMP/malformed-$img-refused.out" '^refhv: .*'
done
expect "missing-guest-refused" 3 "$REFHV" "$TMP/does-not-exist.elf"
expect "bad-option-usage" 2 "$REFHV" --no-such-option "$GUEST"
expect "bad-mem-usage" 2 "$REFHV" --mem 12zz "$GUEST"
expect "bad-backing-usage" 2 "$REFHV" --backing 1g "$GUEST"

if ! kvm_usable; then
	skip "refhv-boot" "/dev/kvm is not usable here"
	exit 0
fi

# ---- the real guest, every console --------------------------------------------
for console in report uart debugcon; do
	if expect "boot-$console" 0 "$REFHV" --timeout 60 \
		--cmdline "console=$console bench=cpuid batches=3" "$GUEST"; then
		has "boot-$console-hello" "$TMP/boot-$console.out" '^HVB hello proto=1 arch=x86_64 .* boot=pvh'
		has "boot-$console-sample" "$TMP/boot-$console.out" '^HVB sample bench=cpuid variant=- unit=cycles kind=op batch=2 '
		has "boot-$console-done" "$TMP/boot-$console.out" '^HVB done benches=1$'
	fi
done

# ---- memory backings, vCPUs, pinning, statistics ----------------------------
expect "backing-thp" 0 "$REFHV" --timeout 60 --backing thp --cmdline "console=report bench=pio-out-user batches=2" "$GUEST"
if [ "$(nproc)" -ge 2 ]; then
	expect "vcpus-2-pinned" 0 "$REFHV" --timeout 60 --vcpus 2 --pin 0,1 --cmdline "console=report bench=cpuid batches=2" "$GUEST"
else
	expect "vcpus-2" 0 "$REFHV" --timeout 60 --vcpus 2 --cmdline "console=report bench=cpuid batches=2" "$GUEST"
fi
expect "pin-same-cpu-twice-refused" 2 "$REFHV" --vcpus 2 --pin 0,0 "$GUEST"
if expect "stats" 0 "$REFHV" --timeout 60 --stats --cmdline "console=report bench=mmio-write-user batches=2" "$GUEST"; then
	has "stats-mmio-counted" "$TMP/stats.out" 'MMIO'
fi

# ---- hostile and broken guests -----------------------------------------------
if expect "hang-times-out" 5 "$REFHV" --timeout 1 "$TEST_GUESTS/test-hang.elf"; then
	has "hang-timeout-message" "$TMP/hang-times-out.out" '^refhv: .*time'
fi
if expect "fault-fails" 1 "$REFHV" --timeout 20 "$TEST_GUESTS/test-fault.elf"; then
	has "fault-reported" "$TMP/fault-fails.out" '^HVB error msg=exception vector=0x06 rip=0x[0-9a-f]+$'
fi
