#!/bin/sh
# fetch.sh - download Debian 12 (bookworm) packages of any architecture into
# hvbench's test-bed cache and unpack them there, without touching the host's
# dpkg/apt state (our own sources.list, lists, archive cache; status=/dev/null).
#
#   testbeds/fetch.sh ARCH PKG...     ARCH: amd64|arm64 (x86_64|aarch64 accepted)
#
# Each PKG is downloaded and unpacked (dpkg -x) into $CACHE/debian-ARCH/root.
# Dependencies are followed only where an initramfs needs them: library
# packages (lib*, zlib*) and the linux-image-* a kernel metapackage points to.
# Idempotent: a package already unpacked is skipped (its .deb is kept).  HVBENCH_REFRESH=1 redoes
# "apt-get update".  Cache: $HVBENCH_CACHE (default ~/.cache/hvbench/testbeds).
set -eu

die() { echo "fetch.sh: $*" >&2; exit 1; }
[ $# -ge 1 ] || die "usage: fetch.sh ARCH PKG..."
case "$1" in
x86_64|amd64) A=amd64 ;;
aarch64|arm64) A=arm64 ;;
*) die "unknown architecture '$1' (amd64, arm64)" ;;
esac
shift

CACHE=${HVBENCH_CACHE:-$HOME/.cache/hvbench/testbeds}
MIRROR=${HVBENCH_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECMIRROR=${HVBENCH_DEBIAN_SECURITY:-http://deb.debian.org/debian-security}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
C=$CACHE/debian-$A
ROOT=$C/root
mkdir -p "$C/lists/partial" "$C/cache/archives/partial" "$C/sources.list.d" \
	"$C/debs" "$ROOT" "$C/done"

# one fetch per architecture at a time (apt's own locks would just fail)
if command -v flock >/dev/null; then exec 8>"$C/.lock" && flock 8; fi
for t in apt-get apt-cache dpkg; do
	command -v $t >/dev/null || die "'$t' not found (this needs a Debian host)"
done
[ -r "$KEYRING" ] || die "$KEYRING missing: apt-get install debian-archive-keyring"

cat >"$C/sources.list" <<EOL
deb [arch=$A signed-by=$KEYRING] $MIRROR bookworm main
deb [arch=$A signed-by=$KEYRING] $MIRROR bookworm-updates main
deb [arch=$A signed-by=$KEYRING] $SECMIRROR bookworm-security main
EOL

O="-oAPT::Architecture=$A -oAPT::Architectures=$A
-oDir::Etc::SourceList=$C/sources.list -oDir::Etc::SourceParts=$C/sources.list.d
-oDir::State::Lists=$C/lists -oDir::State::Status=/dev/null -oDir::Cache=$C/cache
-oAPT::Sandbox::User=root -oAPT::Get::List-Cleanup=0 -qq"

if [ ! -e "$C/lists/updated" ] || [ "${HVBENCH_REFRESH:-0}" = 1 ]; then
	echo "fetch.sh: apt-get update ($A, bookworm)"
	# shellcheck disable=SC2086
	apt-get $O update >&2 || die "apt-get update failed for $A"
	touch "$C/lists/updated"
fi

# deps PKG: the direct Depends/PreDepends worth following (first alternative).
deps() {
	# shellcheck disable=SC2086
	apt-cache $O depends --no-recommends --no-suggests --no-conflicts \
		--no-breaks --no-replaces --no-enhances "$1" 2>/dev/null |
	awk '/^ *\|?(Pre)?Depends:/ { if (alt) { alt = ($1 ~ /^\|/); next }
		alt = ($1 ~ /^\|/); n = $2; if (n !~ /^</) print n }' |
	grep -E '^(lib|zlib|linux-image-)' | grep -v -- '-dev$' || true
}

SEEN=" "
get() { # get PKG: download + unpack once; then, every time, its library deps
	p=$1
	case $SEEN in *" $p "*) return 0 ;; esac
	SEEN="$SEEN$p "
	if [ ! -e "$C/done/$p" ]; then
		deb=$(ls -t "$C/debs/${p}_"*"_$A.deb" "$C/debs/${p}_"*_all.deb 2>/dev/null | head -n 1)
		if [ -z "$deb" ]; then
			# shellcheck disable=SC2086
			(cd "$C/debs" && apt-get $O download "$p" >&2) ||
				die "cannot download $A package '$p'"
			deb=$(ls -t "$C/debs/${p}_"*"_$A.deb" "$C/debs/${p}_"*_all.deb 2>/dev/null | head -n 1)
			[ -n "$deb" ] || die "download of '$p' left no .deb"
		fi
		dpkg -x "$deb" "$ROOT" || die "dpkg -x $deb failed"
		echo "fetch.sh: $A $(basename "$deb")"
		deps "$p" >"$C/done/$p.tmp" && mv "$C/done/$p.tmp" "$C/done/$p"
	fi
	for d in $(cat "$C/done/$p"); do get "$d"; done
}

for p in "$@"; do get "$p"; done
