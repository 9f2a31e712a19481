#!/bin/sh
# cross-sysroot.sh - the arm64 libraries that build/bin/refhv-aarch64 links
# statically (libfdt; libseccomp for the sandbox), taken from Debian 12
# arm64 packages and unpacked into a folder of ours.  The host's dpkg and apt state is never
# touched: our own sources.list, package lists and archive cache, and
# status=/dev/null, the same way testbeds/fetch.sh works (docs/design.md).
#
#   scripts/cross-sysroot.sh DIR     -> DIR/root/usr/{include,lib/aarch64-linux-gnu}
#
# Idempotent: once DIR/root/.done exists nothing is fetched again.
# Mirror: $HVBENCH_DEBIAN_MIRROR (default http://deb.debian.org/debian).
set -eu

die() { echo "cross-sysroot.sh: $*" >&2; exit 1; }
[ $# -eq 1 ] || die "usage: cross-sysroot.sh DIR"

PACKAGES="libfdt-dev libseccomp-dev"
A=arm64
DIR=$(mkdir -p "$1" && cd "$1" && pwd)   # apt wants absolute paths
ROOT=$DIR/root
[ -e "$ROOT/.done" ] && exit 0

MIRROR=${HVBENCH_DEBIAN_MIRROR:-http://deb.debian.org/debian}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
for t in apt-get dpkg; do
	command -v $t >/dev/null || die "'$t' not found (this needs a Debian host)"
done
[ -r "$KEYRING" ] || die "$KEYRING missing: apt-get install debian-archive-keyring"

APT=$DIR/apt
mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$APT/sources.parts" \
	"$APT/debs" "$ROOT"
cat >"$APT/sources.list" <<EOL
deb [arch=$A signed-by=$KEYRING] $MIRROR bookworm main
EOL
O="-oAPT::Architecture=$A -oAPT::Architectures=$A
-oDir::Etc::SourceList=$APT/sources.list -oDir::Etc::SourceParts=$APT/sources.parts
-oDir::State::Lists=$APT/lists -oDir::State::Status=/dev/null -oDir::Cache=$APT/cache
-oAPT::Sandbox::User=root -qq"

echo "cross-sysroot.sh: fetching $PACKAGES ($A, bookworm) into $ROOT"
# shellcheck disable=SC2086
apt-get $O update >&2 || die "apt-get update failed (network? mirror $MIRROR)"
for p in $PACKAGES; do
	# shellcheck disable=SC2086
	(cd "$APT/debs" && apt-get $O download "$p:$A" >&2) || die "cannot download $p:$A"
done
for deb in "$APT"/debs/*.deb; do
	dpkg -x "$deb" "$ROOT" || die "dpkg -x $deb failed"
done
[ -r "$ROOT/usr/lib/aarch64-linux-gnu/libfdt.a" ] || die "no libfdt.a in $PACKAGES"
touch "$ROOT/.done"
