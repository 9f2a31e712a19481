#!/bin/sh
# empty_loops.sh - each benchmark's empty loop is its timed loop minus the
# operation alone, in the guest binaries as compiled (not in the source).
#
# For each benchmark and its empty twin (or bench_empty_loop), the loops are
# read from objdump: a loop is the instructions from a backward conditional
# branch's target to that branch (alignment padding left out).  Removing the operation's instruction(s) from the
# benchmark's loops must leave exactly the empty twin's loops (mnemonics in
# order).  So a register move the compiler keeps inside one loop but not the
# other (cpuid's eax/ecx, once) fails here, whatever the timings say.
. "$(dirname "$0")/lib.sh"

# loops OBJDUMP ELF FUNC: one line per loop of FUNC, "mnemonic<TAB>operands;..."
loops() {
	"$1" -d --no-show-raw-insn "$2" | awk -v fn="<$3>:" '
		function hex(s,   i, v) {
			v = 0
			for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
			return v
		}
		$2 == fn { on = 1; next }
		on && /^$/ { exit }
		on && /^ *[0-9a-f]+:/ {
			addr = $1; sub(":", "", addr); a = hex(addr)
			line = $0; sub(/^ *[0-9a-f]+:[ \t]*/, "", line)
			mn = line; sub(/[ \t].*/, "", mn)
			ops = line; sub(/^[^ \t]*[ \t]*/, "", ops); sub(/[ \t]*(\/\/|#).*/, "", ops)
			if (mn ~ /^nop/ || line ~ /^xchg +%ax,%ax/) next   # alignment padding
			n++; at[n] = a; text[n] = mn "\t" ops
			if (mn ~ /^(j[a-z]+|b\.[a-z]+|cbn?z|tbn?z)$/ && mn != "jmp" && match(ops, /^[0-9a-f]+/)) {
				t = hex(substr(ops, RSTART, RLENGTH))
				if (t < a) {
					out = ""
					for (i = 1; i <= n; i++)
						if (at[i] >= t) {
							m = text[i]; sub(/\t.*/, "", m)
							if (m ~ /^(j[a-z]+|b\.[a-z]+|cbn?z|tbn?z|b)$/) m = m " (branch)"
							out = out (out == "" ? "" : ";") (i == n ? m : text[i])
						}
					print out
				}
			}
		}'
}

# mnemonics: keep the mnemonic of each instruction, drop operands.
mnemonics() { tr ';' '\n' | sed 's/\t.*//' | tr '\n' ' '; }

# check NAME OBJDUMP ELF OP_FUNC EMPTY_FUNC OP_REGEX
check() {
	_name=$1 _od=$2 _elf=$3 _op=$4 _empty=$5 _re=$6
	loops "$_od" "$_elf" "$_op" >"$TMP/$_name.op"
	loops "$_od" "$_elf" "$_empty" >"$TMP/$_name.empty"
	if [ ! -s "$TMP/$_name.op" ] || [ ! -s "$TMP/$_name.empty" ]; then
		fail "$_name" "no loop found in $_op or $_empty"; return
	fi
	: >"$TMP/$_name.want"; : >"$TMP/$_name.got"
	while IFS= read -r l; do
		echo "$l" | tr ';' '\n' | grep -Ev -- "$_re" | tr '\n' ';' | mnemonics >>"$TMP/$_name.want"
		echo >>"$TMP/$_name.want"
	done <"$TMP/$_name.op"
	while IFS= read -r l; do echo "$l" | mnemonics >>"$TMP/$_name.got"; echo >>"$TMP/$_name.got"; done \
		<"$TMP/$_name.empty"
	removed=$(tr ';' '\n' <"$TMP/$_name.op" | grep -Ec -- "$_re")
	if [ "$removed" -eq 0 ]; then
		fail "$_name" "the operation ($_re) is not inside $_op's loop"
	elif cmp -s "$TMP/$_name.want" "$TMP/$_name.got"; then
		pass "$_name"
	else
		fail "$_name" "$_op's loop minus the operation differs from $_empty's: want [$(tr '\n' '|' <"$TMP/$_name.want")] got [$(tr '\n' '|' <"$TMP/$_name.got")]"
	fi
}

X86="$HVB_BUILD/guest/x86_64/guest.elf"
if [ -f "$X86" ] && command -v objdump >/dev/null; then
	check empty-cpuid objdump "$X86" bench_cpuid bench_cpuid_empty '^cpuid'
	check empty-hypercall objdump "$X86" bench_hypercall bench_hypercall_empty \
		'^(vmcall|vmmcall|call)'
	check empty-pio-out-user objdump "$X86" bench_pio_out_user bench_empty_loop '^out'
	check empty-pio-out-kernel objdump "$X86" bench_pio_out_kernel bench_empty_loop '^out'
	check empty-mmio-write-user objdump "$X86" bench_mmio_write_user bench_empty_loop \
		'^mov	%[a-z0-9]+,\(%'
else
	skip empty-loops-x86_64 "no x86 guest or objdump"
fi

A64="$HVB_BUILD/guest/aarch64/guest.elf"
if [ -f "$A64" ] && command -v aarch64-linux-gnu-objdump >/dev/null; then
	check empty-a64-hypercall aarch64-linux-gnu-objdump "$A64" bench_hypercall \
		bench_hypercall_empty '^hvc'
else
	skip empty-loops-aarch64 "no arm64 guest or aarch64-linux-gnu-objdump"
fi

# The checker itself must be able to fail: cpuid against the plain empty
# loop (which lacks the register loads) is the old, wrong pairing.
if [ -f "$X86" ] && command -v objdump >/dev/null; then
	check empty-checker-catches-extra-moves objdump "$X86" bench_cpuid bench_empty_loop '^cpuid' \
		>"$TMP/neg.out"
	if grep -q '^FAIL: .*differs from' "$TMP/neg.out"; then pass empty-checker-catches-extra-moves
	else fail empty-checker-catches-extra-moves "cpuid vs the plain empty loop was accepted"; fi
fi
