#!/bin/sh
# build-root.sh - assemble the Linux guest of the application benchmarks
# from Debian 12 packages (downloaded by testbeds/fetch.sh into the shared
# cache): a kernel, and one root file system that is both the guest's
# initramfs and the native baseline's chroot, so guest and host run the
# very same binaries and scripts.
#
#   appbench/build-root.sh APPB     APPB: the static `appb` binary (make)
#
# Output in $HVBENCH_CACHE/appbench-x86_64/ (default ~/.cache/hvbench/testbeds):
#   kernel     the vmlinux ELF of linux-image-amd64 (QEMU boots its PVH note)
#   root/      busybox-static, memcached, nginx, tcc + libc headers, wrk,
#              the virtio-net and Xen netfront modules, appb, /init and
#              /appb/session.sh
#   initrd.gz  root/ as a newc cpio
#   built      what was built; the build is redone when a script or a C
#              file of appbench/ is newer, or APPB differs from the root's copy
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
TB=$HERE/../testbeds
. "$TB/common.sh"
[ $# -eq 1 ] && [ -x "$1" ] || die "usage: build-root.sh PATH-TO-APPB"
APPB=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
A=amd64 TRIPLET=x86_64-linux-gnu
ROOT=$CACHE/debian-$A/root
DEBS=$CACHE/debian-$A/debs
OUT=$CACHE/appbench-x86_64
# whole packages (their files matter: headers, crt objects, tcc's own lib)
DEVPKGS="tcc libc6-dev linux-libc-dev libcrypt-dev"
# programs whose shared-library closure is copied
PROGRAMS="/usr/bin/memcached /usr/sbin/nginx /usr/bin/wrk /usr/bin/tcc"
NETMODS="virtio_net"
XENNETMODS="xen_netfront"   # loaded only when the guest runs on Xen

mkdir -p "$OUT" && lock "$OUT/.lock"
if [ -e "$OUT/built" ] && [ -z "$(find "$HERE" -newer "$OUT/built" \( -name '*.sh' -o -name '*.[ch]' \))" ] &&
	cmp -s "$APPB" "$OUT/root/appb/bin/appb"; then
	echo "build-root.sh: up to date in $OUT ($(cat "$OUT/built"))"
	exit 0
fi
for t in readelf strings gzip xz unshare; do
	command -v $t >/dev/null || die "'$t' missing (scripts/install-deps.sh)"
done
"$TB/fetch.sh" $A busybox-static linux-image-amd64 memcached nginx wrk $DEVPKGS >&2

KVER=$(ls "$ROOT/lib/modules" | grep -- "-$A\$" | sort -V | tail -n 1)
[ -n "$KVER" ] || die "no $A kernel unpacked in $ROOT"
S=$OUT/root
rm -rf "$S" "$OUT/built"
mkdir -p "$S/bin" "$S/sbin" "$S/usr/bin" "$S/usr/sbin" "$S/etc" "$S/proc" "$S/sys" \
	"$S/dev" "$S/tmp" "$S/run" "$S/var/lib/nginx" "$S/var/log/nginx" "$S/lib/modules" \
	"$S/appb/bin" "$S/appb/src" "$S/appb/www"

# whole development packages, without documentation and static libraries
for p in $DEVPKGS; do
	deb=$(ls -t "$DEBS/${p}_"*"_$A.deb" | head -n 1)
	dpkg -x "$deb" "$S"
done
rm -rf "$S/usr/share"
find "$S/usr/lib" -name '*.a' ! -name 'libc_nonshared.a' ! -name 'libtcc1.a' -delete

# programs and their shared libraries, from the unpacked packages
findlib() {
	for d in /lib/$TRIPLET /usr/lib/$TRIPLET /lib /usr/lib /lib64; do
		[ -e "$ROOT$d/$1" ] && { echo "$d/$1"; return 0; }
	done
	return 1
}
closure() {  # closure FILE: the interpreter and NEEDED libraries, recursively
	readelf -l "$1" | sed -n 's/.*program interpreter: \(.*\)\]/\1/p'
	for n in $(readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
		p=$(findlib "$n") || die "$n (needed by $1) is in no fetched package"
		echo "$p"
		closure "$ROOT$p"
	done
}
for f in $PROGRAMS; do
	cp "$ROOT$f" "$S$f"
	closure "$ROOT$f"
done | sort -u | while read -r p; do
	mkdir -p "$S$(dirname "$p")" && cp -L "$ROOT$p" "$S$p"
done
# libc.so.6 and the loader at /lib64 (tcc links against them by these paths)
mkdir -p "$S/lib64" "$S/lib/$TRIPLET"
cp -L "$ROOT/lib64/ld-linux-x86-64.so.2" "$S/lib64/"
cp -L "$ROOT/lib/$TRIPLET/libc.so.6" "$S/lib/$TRIPLET/"

cp "$ROOT/bin/busybox" "$S/bin/busybox"
for applet in $("$S/bin/busybox" --list-full); do
	[ -e "$S/$applet" ] || ln -s /bin/busybox "$S/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$S/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$S/etc/group"
printf '127.0.0.1 localhost\n' >"$S/etc/hosts"

# virtio-net and what it depends on, in load order
MODDIR=$ROOT/lib/modules/$KVER
modfile() { find "$MODDIR" -name "$1.ko" -o -name "$(echo "$1" | tr _ -).ko" | head -n 1; }
modorder() {
	for m in "$@"; do
		f=$(modfile "$m")
		[ -n "$f" ] || continue   # built in
		(modorder $(strings "$f" | sed -n 's/^depends=//p' | tr , ' '))
		echo "$m"
	done
}
for m in $(modorder virtio_pci $NETMODS | awk '!seen[$0]++'); do
	cp "$(modfile "$m")" "$S/lib/modules/$m.ko"
	echo "$m" >>"$S/lib/modules/order"
done
for m in $(modorder $XENNETMODS | awk '!seen[$0]++'); do
	cp "$(modfile "$m")" "$S/lib/modules/$m.ko"
	echo "$m" >>"$S/lib/modules/xen-order"
done

cp "$HERE/guest-init.sh" "$S/init" && chmod 755 "$S/init"
cp "$HERE/session.sh" "$S/appb/session.sh" && chmod 755 "$S/appb/session.sh"
cp "$APPB" "$S/appb/bin/appb"
cp "$HERE"/*.c "$HERE"/*.h "$S/appb/src/"   # the kernbench source tree
awk 'BEGIN { for (i = 0; i < 64; i++) printf "hvbench application benchmark page, line %02d .................\n", i }' \
	>"$S/appb/www/index.html"

mkcpio "$S" "$OUT/initrd.gz"

# the ELF vmlinux inside the bzImage (QEMU boots it through its PVH note,
# which skips decompressing the kernel under emulation)
K=$ROOT/boot/vmlinuz-$KVER
off=$(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$K" | head -n 1 | cut -d: -f1)
[ -n "$off" ] || die "$K is not xz-compressed"
tail -c +$((off + 1)) "$K" | xz -dcq >"$OUT/kernel" 2>/dev/null || true
readelf -h "$OUT/kernel" >/dev/null 2>&1 || die "cannot extract vmlinux from $K"
echo "kernel $KVER, $(du -k "$OUT/initrd.gz" | cut -f1) KiB initramfs, $(date -u +%Y-%m-%dT%H:%MZ)" >"$OUT/built"
echo "build-root.sh: built $OUT ($(cat "$OUT/built"))"
