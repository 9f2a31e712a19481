#!/bin/sh
# fetch.sh - download Debian 12 (bookworm) or 13 (trixie) packages of any
# architecture into hvbench's test-bed cache and unpack them there, without
# touching the host's dpkg/apt state (our own sources.list, lists, archive
# cache; status=/dev/null).
#
#   testbeds/fetch.sh ARCH[@REL] PKG...  ARCH: amd64|arm64 (x86_64|aarch64
#                                        accepted); REL: bookworm (default)|trixie
#
# Each PKG is downloaded and unpacked (dpkg -x) into $CACHE/debian-ARCH/root
# (bookworm) or $CACHE/debian-ARCH-REL/root (the other releases).
# Dependencies are followed only where an initramfs needs them: library
# packages (lib*, zlib*) and the linux-image-* a kernel metapackage points to.
#
# In three steps, each safe to interrupt and run again:
#  1. resolve: the whole package list, with each version, size and SHA-256
#     from the signed package index (apt verifies the index's signature);
#  2. download: a .deb already in $CACHE/debian-ARCH/debs is used only when
#     its SHA-256 is the index's; a missing, truncated or corrupt one is
#     (re)fetched and checked again, and never unpacked unless it matches;
#  3. unpack: once per package version ($C/unpacked/PKG holds the version).
# Progress: one line per package, "[k/N] NAME VERSION SIZE, done/total MB".
# A failure names the package and why, and exits non-zero.
#
# HVBENCH_REFRESH=1 redoes "apt-get update".  Cache: $HVBENCH_CACHE (default
# ~/.cache/hvbench/testbeds).  Mirror: $HVBENCH_DEBIAN_MIRROR.
set -eu

die() { echo "fetch.sh: $*" >&2; exit 1; }
say() { echo "fetch.sh: $*"; }
[ $# -ge 1 ] || die "usage: fetch.sh ARCH[@REL] PKG..."
. "$(cd "$(dirname "$0")" && pwd)/common.sh"
case $1 in *@*) release "${1#*@}" ;; *) release bookworm ;; esac
case "${1%%@*}" in
x86_64|amd64) A=amd64 ;;
aarch64|arm64) A=arm64 ;;
*) die "unknown architecture '${1%%@*}' (amd64, arm64)" ;;
esac
shift

MIRROR=${HVBENCH_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECMIRROR=${HVBENCH_DEBIAN_SECURITY:-http://deb.debian.org/debian-security}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
C=$CACHE/$(debdir $A $REL)
ROOT=$C/root
mkdir -p "$C/lists/partial" "$C/cache/archives/partial" "$C/sources.list.d" \
	"$C/debs" "$ROOT" "$C/unpacked"

# one fetch per architecture at a time (apt's own locks would just fail)
if command -v flock >/dev/null; then exec 8>"$C/.lock" && flock 8; fi
for t in apt-get apt-cache dpkg sha256sum; do
	command -v $t >/dev/null || die "'$t' not found (this needs a Debian host)"
done
[ -r "$KEYRING" ] || die "$KEYRING missing: apt-get install debian-archive-keyring"

cat >"$C/sources.list" <<EOL
deb [arch=$A signed-by=$KEYRING] $MIRROR $REL main
deb [arch=$A signed-by=$KEYRING] $MIRROR $REL-updates main
deb [arch=$A signed-by=$KEYRING] $SECMIRROR $REL-security main
EOL

# Bounded network waits, so an offline machine fails in seconds, not hours.
O="-oAPT::Architecture=$A -oAPT::Architectures=$A
-oDir::Etc::SourceList=$C/sources.list -oDir::Etc::SourceParts=$C/sources.list.d
-oDir::State::Lists=$C/lists -oDir::State::Status=/dev/null -oDir::Cache=$C/cache
-oDir::Cache::pkgcache=$C/cache/pkgcache.bin -oDir::Cache::srcpkgcache=$C/cache/srcpkgcache.bin
-oAPT::Sandbox::User=root -oAPT::Get::List-Cleanup=0 -oAcquire::Retries=2
-oAcquire::http::Timeout=30 -qq"

if [ ! -e "$C/lists/updated" ] || [ "${HVBENCH_REFRESH:-0}" = 1 ]; then
	say "apt-get update ($A, $REL, $MIRROR)"
	# shellcheck disable=SC2086
	# apt-get update exits 0 when a mirror cannot be reached (a "W:" line):
	# the index counts as fetched only when no part of it failed
	if ! apt-get $O update >"$C/update.log" 2>&1 ||
		grep -Eq '^(E:|W: Failed to fetch|W: Some index files failed)' "$C/update.log"; then
		die "apt-get update failed for $A: $(grep -E '^(E|W):' "$C/update.log" | head -n 1)"
	fi
	touch "$C/lists/updated"
fi

# ---- 1. resolve -------------------------------------------------------------
# deps PKG...: the direct Depends/PreDepends worth following (first alternative).
deps() {
	# shellcheck disable=SC2086
	apt-cache $O depends --no-recommends --no-suggests --no-conflicts \
		--no-breaks --no-replaces --no-enhances "$@" 2>/dev/null |
	awk '/^[^ ]/ { alt = 0 }
	     /^ *\|?(Pre)?Depends:/ { if (alt) { alt = ($1 ~ /^\|/); next }
		alt = ($1 ~ /^\|/); n = $2; if (n !~ /^</) print n }' |
	grep -E '^(lib|zlib|linux-image-)' | grep -v -- '-dev$' || true
}
# plan lines: "NAME VERSION ARCH SIZE SHA256", breadth first, one apt-cache
# call per level
PLAN=$C/plan.$$
trap 'rm -f "$PLAN"' EXIT
: >"$PLAN"
todo="$*"
while [ -n "$todo" ]; do
	new=$(for p in $todo; do echo "$p"; done | awk -v plan="$PLAN" 'BEGIN {
		while ((getline line < plan) > 0) { split(line, f, " "); seen[f[1]] = 1 } }
		!seen[$1]++')
	[ -n "$new" ] || break
	# shellcheck disable=SC2086
	apt-cache $O show --no-all-versions $new 2>/dev/null |
		awk '/^Package:/ {p=$2} /^Version:/ {v=$2} /^Architecture:/ {a=$2}
		     /^Size:/ {s=$2} /^SHA256:/ {h=$2} /^$/ {if (p) print p, v, a, s, h; p=""}
		     END {if (p) print p, v, a, s, h}' >>"$PLAN"
	for p in $new; do
		awk -v p="$p" '$1 == p {found = 1} END {exit !found}' "$PLAN" ||
			die "package '$p' ($A) is not in the package index of $MIRROR"
	done
	todo=$(deps $new)
done
N=$(wc -l <"$PLAN")
TOTAL=$(awk '{s += $4} END {printf "%.0f", s / 1048576}' "$PLAN")

# ---- 2. download, 3. unpack -------------------------------------------------
debname() { echo "${1}_$(echo "$2" | sed 's/:/%3a/')_$3.deb"; }  # as apt-get download names it
matches() { [ -f "$1" ] && [ "$(sha256sum <"$1" | cut -d' ' -f1)" = "$2" ]; }

k=0 done_bytes=0
while read -r p ver arch size sha; do
	k=$((k + 1))
	deb=$C/debs/$(debname "$p" "$ver" "$arch")
	mb=$(awk -v s="$size" 'BEGIN {printf "%.1f", s / 1048576}')
	if matches "$deb" "$sha"; then
		how="cached"
	else
		how="downloaded"
		for attempt in 1 2; do
			rm -f "$deb"
			# shellcheck disable=SC2086
			if ! (cd "$C/debs" && apt-get $O download "$p=$ver" >"$C/download.log" 2>&1); then
				why=$(grep -E '^(E|W):' "$C/download.log" | head -n 1)
				die "cannot download $A package '$p' $ver: ${why:-apt-get download failed}"
			fi
			matches "$deb" "$sha" && break
			got=$( [ -f "$deb" ] && sha256sum <"$deb" | cut -d' ' -f1 || echo "no file")
			[ "$attempt" = 2 ] && { rm -f "$deb"; die "package '$p' $ver: SHA-256 $got, the index says $sha (download corrupt twice)"; }
			say "package '$p': checksum mismatch, fetching again"
		done
	fi
	done_bytes=$((done_bytes + size))
	if [ "$(cat "$C/unpacked/$p" 2>/dev/null)" != "$ver" ]; then
		dpkg -x "$deb" "$ROOT" || die "dpkg -x $(basename "$deb") failed"
		echo "$ver" >"$C/unpacked/$p.tmp" && mv "$C/unpacked/$p.tmp" "$C/unpacked/$p"
		how="$how, unpacked"
	fi
	say "[$k/$N] $A $p $ver ($mb MB, $how; $(awk -v s="$done_bytes" 'BEGIN {printf "%.0f", s / 1048576}') of $TOTAL MB ready)"
done <"$PLAN"
# merged /usr (Debian 13 ships no /bin, /lib): the usual paths as links, as
# base-files would make them
for d in bin sbin lib lib64; do
	[ -e "$ROOT/$d" ] || [ ! -d "$ROOT/usr/$d" ] || ln -s "usr/$d" "$ROOT/$d"
done
