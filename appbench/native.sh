#!/bin/sh
# native.sh ROOT CMD... - run CMD natively on this host inside the
# application benchmarks' root file system (build-root.sh), so the native
# baseline uses the guest's very binaries, libraries and scripts.  A user
# and mount namespace of our own (unshare -rm, no root needed) holds the
# chroot with /dev, /proc, /sys bound in and a fresh /tmp; the network is
# the host's.
set -eu
[ $# -ge 2 ] || { echo "usage: native.sh ROOT CMD..." >&2; exit 2; }
exec unshare --user --map-root-user --mount -- /bin/sh -c '
	r=$1; shift
	mount --rbind /dev "$r/dev" && mount --rbind /proc "$r/proc" &&
	mount --rbind /sys "$r/sys" && mount -t tmpfs tmpfs "$r/tmp" &&
	mount -t tmpfs tmpfs "$r/run" || exit 125
	echo "APPB info where=native kernel=$(uname -r) cpus=$(nproc)"
	exec chroot "$r" "$@"' native.sh "$@"
