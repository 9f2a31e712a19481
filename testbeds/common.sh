# common.sh - shared definitions for the test-bed scripts (sourced, not run):
# the cache location, the test-bed table (each test-bed from either Debian
# release: NAME for Debian 12, NAME@trixie for Debian 13), and a cpio writer.
# shellcheck shell=sh

CACHE=${HVBENCH_CACHE:-$HOME/.cache/hvbench/testbeds}
TESTBEDS="xen-x86_64 kvm-x86_64 kvm-aarch64 xen-aarch64"
RELEASES="bookworm trixie"   # the first is the default (a NAME without @)
XENMODS="xen-evtchn xen-privcmd xen-gntdev xen-gntalloc xenfs"
XENBINS="xl xenstored xenconsoled xen-init-dom0"
# the app suite's domU network: netback and a bridge with dom0's NIC
XENNETMODS="xen-netback bridge"

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

# release REL: set REL, DEBVER (12|13) and XENVER (the Xen in that release)
release() {
	case $1 in
	bookworm) REL=bookworm DEBVER=12 XENVER=4.17 ;;
	trixie) REL=trixie DEBVER=13 XENVER=4.20 ;;
	*) die "unknown Debian release '$1' (one of: $RELEASES)" ;;
	esac
}

# tb NAME[@REL]: set BASE (NAME), REL, DEBVER, XENVER, A (Debian arch),
# KIND (xen|kvm), PKGS, QEMU, MODS, TRIPLET, ROOT (unpacked packages), OUT
tb() {
	BASE=${1%%@*}
	case $1 in *@*) release "${1#*@}" ;; *) release bookworm ;; esac
	case $BASE in
	xen-x86_64) A=amd64 KIND=xen MODS="$XENMODS $XENNETMODS virtio_pci virtio_net"
		PKGS="busybox-static linux-image-amd64 xen-hypervisor-$XENVER-amd64 xen-utils-$XENVER" ;;
	kvm-x86_64) A=amd64 KIND=kvm MODS="irqbypass kvm ccp kvm-amd"
		PKGS="busybox-static linux-image-amd64" ;;
	xen-aarch64) A=arm64 KIND=xen MODS=$XENMODS
		PKGS="busybox-static linux-image-arm64 xen-hypervisor-$XENVER-arm64 xen-utils-$XENVER" ;;
	kvm-aarch64) A=arm64 KIND=kvm MODS=""
		PKGS="busybox-static linux-image-arm64" ;;
	*) die "unknown test-bed '$1' (one of: $TESTBEDS, each also as NAME@trixie)" ;;
	esac
	case $A in
	amd64) QEMU=qemu-system-x86_64 TRIPLET=x86_64-linux-gnu HOSTNEEDS="xz (xz-utils), zstd" ;;
	arm64) QEMU=qemu-system-aarch64 TRIPLET=aarch64-linux-gnu HOSTNEEDS= ;;
	esac
	[ $BASE = xen-aarch64 ] && HOSTNEEDS="dtc (device-tree-compiler)"
	HOSTNEEDS="$HOSTNEEDS${HOSTNEEDS:+, }readelf+strings (binutils), gzip, GNU grep, apt-get, dpkg, debian-archive-keyring"
	# Debian 12 keeps the cache paths it always had
	ROOT=$CACHE/$(debdir $A $REL)/root
	OUT=$CACHE/$BASE; [ $REL = bookworm ] || OUT=$CACHE/$BASE@$REL
}

# debdir ARCH REL: the cache folder of one architecture's packages of REL
debdir() { if [ "$2" = bookworm ]; then echo "debian-$1"; else echo "debian-$1-$2"; fi; }

# refhv_next_to_us NAME: NAME in this tree's build/bin, else in the PREFIX/bin
# of an installed hvbench (these scripts live in PREFIX/share/hvbench/testbeds).
refhv_next_to_us() {
	for d in "$HERE/../build/bin" "$HERE/../../../bin"; do
		[ -x "$d/$1" ] && { echo "$d/$1"; return 0; }
	done
	echo "$HERE/../build/bin/$1"
}

# host_busybox: a busybox runnable here (for its cpio applet); fetched once.
host_busybox() {
	ha=$(dpkg --print-architecture)
	bb=$CACHE/debian-$ha/root/bin/busybox
	[ -x "$bb" ] || "$(dirname "$0")/fetch.sh" "$ha" busybox-static >&2 ||
		die "cannot fetch busybox-static for the host"
	echo "$bb"
}

# lock FILE: hold an exclusive lock on FILE until the script exits
lock() {
	command -v flock >/dev/null || return 0
	exec 9>"$1" && flock 9
}

# mkcpio DIR OUT: gzip-compressed newc archive of DIR, owned by root.
mkcpio() {
	bb=$(host_busybox)
	(cd "$1" && find . | LC_ALL=C sort | "$bb" cpio -o -H newc -R 0:0 2>/dev/null) |
		gzip -6n >"$2" || die "cannot write $2"
}
