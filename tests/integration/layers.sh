#!/bin/sh
# layers.sh - the harness's folders include one another one way only
# (docs/design.md): a file may include headers of its own folder and of the
# folders below it, never of a folder above or beside it.  Bottom to top:
#
#   util  stats  record  store  backends  host  run  {compare, figures}
#   {apps, overhead, study}  commands (harness/*.c, the top)
. "$(dirname "$0")/lib.sh"

rank() {
	case $1 in
	util) echo 0 ;; stats) echo 1 ;; record) echo 2 ;; store) echo 3 ;;
	backends) echo 4 ;; host) echo 5 ;; run) echo 6 ;;
	compare | figures) echo 7 ;; apps | overhead | study) echo 8 ;; .) echo 9 ;;
	*) echo 99 ;;
	esac
}

top=${HVB_TOP:-.}
bad=0
for f in "$top"/harness/*.[ch] "$top"/harness/*/*.[ch]; do
	dir=$(dirname "${f#"$top"/harness/}")
	me=$(rank "$dir")
	if [ "$me" -eq 99 ]; then
		fail "layers-known-folder" "${f#"$top"/} is in a folder the layering does not name"
		bad=1; continue
	fi
	for inc in $(sed -n 's/^#include "\([a-z]*\)\/[a-z_0-9]*\.h".*/\1/p' "$f"); do
		[ "$inc" = "$dir" ] && continue
		[ -d "$top/harness/$inc" ] || continue
		if [ "$(rank "$inc")" -ge "$me" ]; then
			fail "layers-one-way" "${f#"$top"/} ($dir) includes $inc/, which is not below it"
			bad=1
		fi
	done
done
[ "$bad" -eq 0 ] && pass "layers-one-way"

# every harness header is included by folder, so the layering is visible
if grep -n '^#include "[a-z_0-9]*\.h"' "$top"/harness/*/*.c "$top"/harness/*/*.h 2>/dev/null |
	grep -v '"hvb-abi.h"' | grep -q .; then
	fail "layers-includes-by-folder" "$(grep -n '^#include "[a-z_0-9]*\.h"' "$top"/harness/*/*.[ch] | grep -v hvb-abi | head -3)"
else
	pass "layers-includes-by-folder"
fi
