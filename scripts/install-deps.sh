#!/bin/sh
# install-deps.sh - install the Debian 12 packages hvbench needs to build,
# run and test.  Idempotent: installs only what is missing.  When not run as
# root it installs nothing and prints the apt command to run instead.
set -eu

PACKAGES="build-essential pkg-config libsqlite3-dev sqlite3 libhwloc-dev hwloc
libpfm4-dev check libsubunit-dev libseccomp-dev libfdt-dev device-tree-compiler
gnuplot-nox qemu-system-x86 qemu-system-arm qemu-user gcc-aarch64-linux-gnu
libc6-dev-arm64-cross clang python3 wrk xz-utils zstd"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	echo "install-deps: all Debian packages present"
	exit 0
fi

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: missing packages:$missing" >&2
	echo "install-deps: not root, so nothing was installed; run as root:" >&2
	echo "  apt-get update && $cmd" >&2
	exit 1
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
