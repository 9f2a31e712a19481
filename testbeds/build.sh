#!/bin/sh
# build.sh - assemble an emulated test-bed (kernel, Xen, initramfs with
# busybox-static, kernel modules, the xl tool stack and our /init) into
# $CACHE/NAME/ from Debian 12 packages fetched by fetch.sh (NAME@trixie:
# from Debian 13 into $CACHE/NAME@trixie/).
#
#   testbeds/build.sh NAME[@REL]  build (or say it is up to date); NAME is one of
#                                 xen-x86_64 kvm-x86_64 kvm-aarch64 xen-aarch64,
#                                 REL bookworm (the default) or trixie
#   testbeds/build.sh --list      each test-bed of each release, whether it is
#                                 built, what it needs
# $OUT/versions: "release=REL debian=N kernel_version=V [xen_package=V]"
# (the Debian package versions), which run.sh reports with its HVBTB info.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/common.sh"

if [ "${1:-}" = --list ]; then
	for t in $(for r in $RELEASES; do for b in $TESTBEDS; do
			[ $r = bookworm ] && echo $b || echo $b@$r; done; done); do
		tb "$t"
		if [ -e "$OUT/built" ]; then st="built ($(cat "$OUT/built"))"; else st="not built"; fi
		[ -e "$OUT/built" ] && [ -n "$(find "$HERE" \( -name build.sh -o -name common.sh -o -name init.sh \) -newer "$OUT/built")" ] &&
			st="$st, stale: scripts changed since, run build.sh $t"
		q=$(command -v "$QEMU" || echo "$QEMU MISSING (scripts/install-deps.sh)")
		echo "$t: $st"
		echo "  packages ($A, Debian $DEBVER $REL): $PKGS"
		echo "  host: $q; $HOSTNEEDS"
	done
	exit 0
fi
[ $# -eq 1 ] || die "usage: build.sh NAME | --list"
tb "$1"
NAME=$1
mkdir -p "$OUT" && lock "$OUT/.lock"
for t in readelf strings gzip; do command -v $t >/dev/null || die "'$t' missing (apt-get install binutils gzip)"; done
if [ -e "$OUT/built" ] && [ -z "$(find "$HERE" \( -name build.sh -o -name common.sh -o -name init.sh \) -newer "$OUT/built")" ]; then
	echo "build.sh: $NAME up to date in $OUT ($(cat "$OUT/built"))"
	exit 0
fi

echo "build.sh: $NAME: fetching $PKGS ($A)"
"$HERE/fetch.sh" $A@$REL $PKGS

KVER=$(ls "$ROOT/lib/modules" | grep -- "-$A\$" | sort -V | tail -n 1)
[ -n "$KVER" ] || die "no $A kernel unpacked in $ROOT"
MODDIR=$ROOT/lib/modules/$KVER
S=$OUT/stage
rm -rf "$S" && mkdir -p "$S/bin" "$S/etc/hvbtb" "$S/lib/modules" "$S/hvbtb"

# modorder MOD...: the modules with their dependencies first (once each);
# Debian 13 ships them xz-compressed (MOD.ko.xz), busybox insmod wants .ko
modfile() {
	for n in "$1" "$(echo "$1" | tr _ -)" "$(echo "$1" | tr - _)"; do
		for ext in ko ko.xz ko.zst; do
			f=$(find "$MODDIR" -name "$n.$ext" | head -n 1)
			[ -n "$f" ] && { echo "$f"; return 0; }
		done
	done
	return 1
}
modcat() {
	case $1 in
	*.xz) xz -dc "$1" ;;
	*.zst) zstd -dcq "$1" ;;
	*) cat "$1" ;;
	esac
}
modorder() {
	for m in "$@"; do
		f=$(modfile "$m") || continue  # built into the kernel
		(modorder $(modcat "$f" | strings | sed -n 's/^depends=//p' | tr , ' '))
		echo "$m"
	done
}
# libs FILE...: paths (relative to ROOT) of the shared libraries FILE needs
findlib() {
	for d in /lib/$TRIPLET /usr/lib/$TRIPLET /lib /usr/lib; do
		[ -e "$ROOT$d/$1" ] && { echo "$d/$1"; return 0; }
	done
	return 1
}
libs() {
	for f in "$@"; do
		readelf -l "$f" | sed -n 's/.*program interpreter: \(.*\)\]/\1/p'
		for n in $(readelf -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
			p=$(findlib "$n") || { echo "$n (needed by $f) is in no fetched package" >&2; return 1; }
			echo "$p"
			(libs "$ROOT$p") || return 1
		done
	done
}

cp "$ROOT/bin/busybox" "$S/bin/busybox" && ln -s busybox "$S/bin/sh"
cp "$HERE/init.sh" "$S/init" && chmod 755 "$S/init"
for m in $(modorder $MODS | awk '!seen[$0]++'); do
	modcat "$(modfile "$m")" >"$S/lib/modules/$m.ko" || die "cannot unpack module $m"
	echo "$m" >>"$S/etc/hvbtb/modules"
done
: >>"$S/etc/hvbtb/modules"
if [ $KIND = xen ]; then
	XB=/usr/lib/xen-$XENVER/bin
	mkdir -p "$S$XB" "$S/etc/xen"
	for b in $XENBINS; do cp "$ROOT$XB/$b" "$S$XB/$b"; done
	: >"$S/etc/xen/xl.conf"
	# libgcc_s is dlopen()ed by glibc's pthread_cancel (xl needs it)
	(cd "$S$XB" && libs $XENBINS && findlib libgcc_s.so.1) >"$OUT/libs" ||
		die "library closure of xl failed"
	for p in $(sort -u "$OUT/libs"); do
		mkdir -p "$S$(dirname "$p")" && cp -L "$ROOT$p" "$S$p"
	done
fi
printf 'TB=%s\nKIND=%s\nKVER=%s\n' "$NAME" "$KIND" "$KVER" >"$S/etc/hvbtb/testbed"
mkcpio "$S" "$OUT/initrd.gz"

case $A in
amd64)	# the ELF vmlinux inside the bzImage: QEMU boots it through its PVH note
	# and Xen takes it as dom0 kernel, both skipping ~8 s of decompression
	# under TCG (Debian 12 compresses with xz, Debian 13 with zstd)
	K=$ROOT/boot/vmlinuz-$KVER
	for z in 'xz \xfd7zXZ\x00 xz-utils' 'zstd \x28\xb5\x2f\xfd zstd' ''; do
		[ -n "$z" ] || die "$K is neither xz- nor zstd-compressed"
		set -- $z
		off=$(LC_ALL=C grep -obUaP "$2" "$K" | head -n 1 | cut -d: -f1)
		[ -n "$off" ] && break
	done
	command -v $1 >/dev/null || die "'$1' missing (apt-get install $3)"
	tail -c +$((off + 1)) "$K" | $1 -dcq >"$OUT/kernel" 2>/dev/null || true
	readelf -h "$OUT/kernel" >/dev/null 2>&1 || die "cannot extract vmlinux from $K" ;;
arm64) K=$ROOT/boot/vmlinuz-$KVER   # a plain Image (or Image.gz)
	if gzip -t "$K" 2>/dev/null; then zcat "$K" >"$OUT/kernel"; else cp "$K" "$OUT/kernel"; fi ;;
esac
if [ $KIND = xen ]; then
	case $A in
	amd64) zcat "$ROOT/boot/xen-$XENVER-amd64.gz" >"$OUT/xen" ;;
	arm64) cp "$(ls "$ROOT"/boot/xen-$XENVER-arm64* | grep -v -e '\.efi$' -e '\.config$' | head -n 1)" "$OUT/xen" ;;
	esac
fi
# the package versions (fetch.sh notes each unpacked one), for run.sh's info
pkgver() { v=$(cat "$ROOT/../unpacked/$1" 2>/dev/null) && [ -n "$v" ] || die "no version of $1 unpacked"; echo "$v"; }
V="release=$REL debian=$DEBVER kernel_version=$(pkgver linux-image-$KVER)"
[ $KIND = xen ] && V="$V xen_package=$(pkgver xen-hypervisor-$XENVER-$A)"
echo "$V" >"$OUT/versions"
rm -rf "$S" "$OUT/libs"
echo "Debian $DEBVER $REL, kernel $KVER, $(du -k "$OUT/initrd.gz" | cut -f1) KiB initramfs, $(date -u +%Y-%m-%dT%H:%MZ)" >"$OUT/built"
echo "build.sh: $NAME built in $OUT: $(ls "$OUT" | tr '\n' ' ')($(cat "$OUT/built"))"
