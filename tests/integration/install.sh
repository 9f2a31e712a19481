# install.sh - `make install` into a temporary DESTDIR, then the installed
# hvbench used from outside the build tree: it finds refhv, its guests, the
# gnuplot scripts and the test-bed scripts relative to its own prefix; man
# pages are there; `make uninstall` removes everything it installed.
#
# It installs the normal build's programs, so it runs once, in that pass.
. "$(dirname "$0")/lib.sh"
if [ "$HVB_VARIANT" = asan ]; then
	skip "install" "runs once, in the normal build's pass"
	exit 0
fi
TOP=${HVB_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DEST="$TMP/root"
P="$DEST/usr/local"
MK="make -C $TOP --no-print-directory -s BUILD=$HVB_BUILD PREFIX=/usr/local DESTDIR=$DEST"

expect "make-install" 0 $MK install || exit 0
for f in bin/hvbench bin/refhv bin/refhv-aarch64 bin/tlb-native-aarch64 bin/hvb-xen-iolat \
	bin/hvb-xen-iolat-aarch64 lib/hvbench/guest/x86_64/guest.elf \
	lib/hvbench/guest/aarch64/guest.img lib/hvbench/appb share/hvbench/plots/bars.gp \
	share/hvbench/testbeds/run.sh share/hvbench/testbeds/console.awk share/hvbench/appbench/build-root.sh \
	share/man/man1/hvbench.1 share/man/man1/refhv.1; do
	if [ -s "$P/$f" ]; then pass "installed-$f"; else fail "installed-$f" "missing"; fi
done
for page in hvbench refhv; do
	if command -v man >/dev/null; then
		MANWIDTH=80 man -l "$P/share/man/man1/$page.1" >"$TMP/$page.man" 2>&1
		has "man-$page-renders" "$TMP/$page.man" '^NAME'
	else
		skip "man-$page-renders" "man not installed"
	fi
done

# used from a directory outside the tree, with nothing but the prefix
cd "$TMP" || exit 1
if expect "installed-list" 0 "$P/bin/hvbench" list; then
	has "installed-list-tcg" "$TMP/installed-list.out" '^  qemu-tcg +x86_64 +tcg\* +host +yes'
fi
expect "installed-testbed-list" 0 "$P/bin/hvbench" testbed list
DB="$TMP/installed.db"
if expect "installed-run-tcg" 0 "$P/bin/hvbench" run --backend qemu-tcg --bench cpuid --batches 3 \
	--db "$DB"; then
	equals "installed-run-ok" "$(sql "$DB" "select status from summary where benchmark = 'cpuid'")" ok
	equals "installed-guest-used" "$(sql "$DB" "select guest_path from runs")" \
		"$P/lib/hvbench/guest/x86_64/guest.elf"
	equals "installed-guest-is-built-guest" "$(sql "$DB" "select guest_sha256 from runs")" \
		"$(sha256sum "$GUEST" | cut -d' ' -f1)"
	if expect "installed-plot" 0 "$P/bin/hvbench" plot --db "$DB" -o "$TMP/fig"; then
		if [ -s "$TMP/fig/bars-x86_64.png" ]; then pass "installed-plot-png"
		else fail "installed-plot-png" "no bars-x86_64.png"; fi
	fi
fi

# a test-bed that dies: the reason run.sh gives on stderr goes with every
# benchmark it never finished (a stand-in run.sh and build.sh in the prefix)
TB="$P/share/hvbench/testbeds"
printf '#!/bin/sh\nexit 0\n' >"$TB/build.sh"
cat >"$TB/run.sh" <<'FAKE'
#!/bin/sh
echo "HVBTB info qemu=7.2.22 accel=tcg release=bookworm"
echo "run.sh: test-bed kvm-x86_64 failed: its kernel is stuck, stopped early: [   90.1] watchdog: BUG: soft lockup - CPU#0 stuck for 90s! [kthreadd:2]" >&2
exit 1
FAKE
if expect "installed-testbed-dies" 1 "$P/bin/hvbench" run --testbed kvm-x86_64 --bench cpuid --batches 3 \
	--db "$TMP/dies.db"; then
	sql "$TMP/dies.db" "select status || ': ' || reason from summary where benchmark = 'cpuid'" >"$TMP/dies.reason"
	has "testbed-death-reason-stored" "$TMP/dies.reason" \
		'^failed: .*test-bed kvm-x86_64 exited with status 1 before it finished: its kernel is stuck, stopped early: .*soft lockup'
fi

expect "make-uninstall" 0 $MK uninstall
left=$(find "$DEST" -type f | sed "s|^$DEST||")
equals "uninstall-removes-all" "$left" ""
