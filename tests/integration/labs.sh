# labs.sh - the teaching labs (labs/): each lab script runs in its quick
# mode into one database, and the rows, tables and figures its page talks
# about must be there (their values are not checked: they depend on the
# host, and emulated numbers on the emulator).  Also refhv --trace and the
# guest's insns= list on their own.
#
# Labs 1-4 run on refhv when /dev/kvm is usable, else as their pages say
# (lab 1 in the kvm-x86_64 test-bed, labs 2-3 under qemu-tcg); labs 4-6 use
# the test-beds built by make check's set-up step, skipped with its reason
# when one could not be built.  Runs once, in the normal build's pass: the
# scripts drive the same programs either way.
. "$(dirname "$0")/lib.sh"
if [ "$HVB_VARIANT" = asan ]; then
	skip "labs" "runs once, in the normal build's pass"
	exit 0
fi
LABS="$HVB_TOP/labs"
DB="$TMP/labs.db"
OUT="$TMP/out"
export LABS_BIN="$HVB_BIN" LABS_GUEST_DIR="$HVB_BUILD/guest"

# lab N SCRIPT: run a lab script in quick mode into the shared database.
lab() { EXPECT_TIMEOUT=600 expect "lab$1-runs" 0 sh "$LABS/$2" --quick --db "$DB" -o "$OUT"; }

# rows NAME SQL MIN: the query's single number is at least MIN.
rows() {
	_n=$(sql "$DB" "$2")
	if [ "${_n:-0}" -ge "$3" ] 2>/dev/null; then pass "$1"; else fail "$1" "got '${_n}', wanted at least $3 ($2)"; fi
}

# figure NAME FILE...: each file exists and is not empty.
figure() {
	_name=$1; shift
	for _f in "$@"; do
		[ -s "$_f" ] || { fail "$_name" "$(basename "$_f") missing or empty"; return 1; }
	done
	pass "$_name"
}

# Every page names its script, and its script exists.
for page in "$LABS"/[1-6]-*.md; do
	n=$(basename "$page" .md)
	if [ -x "$LABS/$n.sh" ] && grep -q "labs/$n.sh" "$page" && grep -qi "takes" "$page"; then
		pass "page-$n"
	else
		fail "page-$n" "labs/$n.sh missing, not executable, or not named on the page with its time"
	fi
done
[ -f "$LABS/README.md" ] && grep -q "HVBENCH_CACHE" "$LABS/README.md" && pass "labs-readme" ||
	fail "labs-readme" "labs/README.md missing or says nothing about sharing the test-bed cache"

# ---- refhv --trace and insns= on their own ----------------------------------
if kvm_usable; then
	expect "insns-list" 0 "$REFHV" --timeout 20 --cmdline "console=report insns=list" "$GUEST"
	has "insns-list-names" "$TMP/insns-list.out" '^insn known name=cpuid what='
	expect "insns-unknown" 1 "$REFHV" --timeout 20 --cmdline "console=report insns=nop,no-such" "$GUEST"
	has "insns-unknown-record" "$TMP/insns-unknown.out" '^HVB error msg=unknown-instruction'
	expect "trace" 0 "$REFHV" --timeout 20 --trace \
		--cmdline "console=report insns=out-user,mmio-store-user,cpuid insn_iters=1" "$GUEST"
	has "trace-io" "$TMP/trace.out" '^refhv: trace vcpu=0 exit=IO dir=out port=0x700 size=1 count=1 value=0x0 pc=0x[0-9a-f]+ insn=out-dx at=pc(-1)? bytes=ee$'
	has "trace-mmio" "$TMP/trace.out" '^refhv: trace vcpu=0 exit=MMIO dir=write addr=0xd0000000 len=4 value=0x0 pc=0x[0-9a-f]+ insn=mov-store'
	has "insn-result" "$TMP/trace.out" '^insn result name=cpuid iters=1 op=[0-9]+\.[0-9]{3} empty=[0-9]+\.[0-9]{3} unit=cycles$'
	# One execution between the markers: exactly one exit for out-user, none for cpuid.
	n=$(awk '/^insn begin name=out-user/ { on = 1; next } /^insn timed/ { on = 0 } on && /port=0x700/' "$TMP/trace.out" | wc -l)
	equals "trace-one-exit" "$n" 1
	n=$(awk '/^insn begin name=cpuid/ { on = 1; next } /^insn timed/ { on = 0 } on && /refhv: trace/ && !/port=0xf0 /' "$TMP/trace.out" | wc -l)
	equals "trace-cpuid-stays-in-kvm" "$n" 0
	expect "no-trace" 0 "$REFHV" --timeout 20 --cmdline "console=report insns=out-user insn_iters=1" "$GUEST"
	if grep -q 'refhv: trace' "$TMP/no-trace.out"; then fail "no-trace-quiet" "trace lines without --trace"; else pass "no-trace-quiet"; fi
else
	skip "trace" "/dev/kvm not usable"
fi

# ---- lab 1: trap and emulate ---------------------------------------------------
if kvm_usable || prepared kvm-x86_64 "lab1"; then
	lab 1 1-trap-and-emulate.sh
	rows "lab1-rows" "select count(*) from lab1_insns" 19
	rows "lab1-reference-run" "select count(*) from summary s join run_tags t on t.run_id = s.run_id
		where t.key = 'lab' and t.value = '1' and s.benchmark in ('cpuid', 'pio-out-user') and s.status = 'ok'" 2
	if kvm_usable; then
		equals "lab1-out-user" "$(sql "$DB" "select user_exits || ' ' || user_exit from lab1_insns where insn = 'out-user'")" \
			"1 IO:out:0x700:out-dx"
		equals "lab1-mmio-store" "$(sql "$DB" "select user_exit from lab1_insns where insn = 'mmio-store-user'")" \
			"MMIO:write:0xd0000000:mov-store"
		equals "lab1-cpuid-not-user" "$(sql "$DB" "select user_exits from lab1_insns where insn = 'cpuid'")" 0
		equals "lab1-verdict" "$(sql "$DB" "select verdict from lab1_insns where insn = 'in-unassigned'")" \
			"exits to userspace (the VMM)"
		has "lab1-trace-file" "$OUT/lab1/trace.txt" '^refhv: trace vcpu=0 exit=MMIO dir=read addr=0xd0000000'
	fi
	has "lab1-table" "$OUT/lab1/classification.txt" '^cpuid +[-0-9]+ .* 1\.00 '
fi

# ---- lab 2: the cost of an exit ---------------------------------------------------
lab 2 2-exit-cost.sh
rows "lab2-rows" "select count(distinct s.benchmark) from summary s join run_tags t on t.run_id = s.run_id
	where t.key = 'lab' and t.value = '2' and s.status = 'ok'" 5
has "lab2-ratios" "$OUT/lab2/ratios.txt" '^[0-9]+ +[a-z-]+@host.* [0-9]+\.[0-9] +[0-9]+\.[0-9] +[0-9]+\.[0-9]$'
figure "lab2-figure" "$OUT/lab2/microbench.png" "$OUT/lab2/microbench.svg" "$OUT/lab2/microbench.md"
has "lab2-figure-rows" "$OUT/lab2/microbench.md" '^\| pio-out-user \|'
if kvm_usable; then has "lab2-refhv-share" "$OUT/lab2/refhv-stats.txt" 'IO out unassigned'; fi

# ---- lab 3: nested paging ------------------------------------------------------
lab 3 3-nested-paging.sh
rows "lab3-nested" "select count(*) from summary s join run_tags t on t.run_id = s.run_id
	where t.key = 'lab' and t.value = '3' and s.benchmark = 'tlb-nested' and s.status = 'ok'" 10
rows "lab3-native" "select count(*) from summary s join run_tags t on t.run_id = s.run_id
	where t.key = 'lab' and t.value = '3' and s.benchmark = 'tlb-native' and s.status = 'ok'" 14
has "lab3-sweep" "$OUT/lab3/sweep.txt" '^64m +[-0-9.]+ +[-0-9.]+ +[-0-9.]+ '
has "lab3-ratios" "$OUT/lab3/ratios.txt" '^set +g4k-h4k / native-4k +g2m-h2m / native-2m$'
figure "lab3-figure" "$OUT/lab3/tlb.png" "$OUT/lab3/tlb.svg" "$OUT/lab3/tlb.pdf"

# ---- lab 4: interrupts -----------------------------------------------------------
lab 4 4-interrupts.sh
# Every x86 row is stored (qemu-tcg has no x2APIC or TSC-deadline timer:
# those are unsupported there), and eoi and an ic-trap variant measured.
rows "lab4-x86-rows" "select count(*) from summary s join run_tags t on t.run_id = s.run_id
	where t.key = 'lab' and t.value = '4' and s.arch = 'x86_64'
	and s.benchmark in ('eoi', 'ic-trap', 'timer-latency')" 4
rows "lab4-x86-ok" "select count(distinct s.benchmark) from summary s join run_tags t on t.run_id = s.run_id
	where t.key = 'lab' and t.value = '4' and s.arch = 'x86_64' and s.status = 'ok'
	and s.benchmark in ('eoi', 'ic-trap')" 2
rows "lab4-apicv-tag" "select count(*) from run_tags where key = 'apicv'" 1
has "lab4-apicv-file" "$OUT/lab4/apicv.txt" '.'
if prepared kvm-aarch64 "lab4-arm64"; then
	rows "lab4-arm64" "select count(*) from summary s join run_tags t on t.run_id = s.run_id
		where t.key = 'lab' and t.value = '4' and s.arch = 'aarch64' and s.status = 'ok'
		and s.benchmark in ('eoi', 'ic-trap')" 2
	has "lab4-arm64-ratio" "$OUT/lab4/ratios.txt" 'kvm-aarch64 aarch64 \(emulated\) +[0-9]+\.[0-9]{2} '
fi
figure "lab4-figure" "$OUT/lab4/microbench.png" "$OUT/lab4/microbench.md"

# ---- lab 5: VHE and split mode -------------------------------------------------
if prepared kvm-aarch64 "lab5"; then
	lab 5 5-arm-split-mode.sh
	has "lab5-vhe" "$OUT/lab5/kvm-mode.txt" '^[0-9]+ kvm-aarch64 vhe$'
	has "lab5-nvhe" "$OUT/lab5/kvm-mode.txt" '^[0-9]+ kvm-aarch64-nvhe nvhe$'
	has "lab5-ratio" "$OUT/lab5/ratios.txt" '^hypercall +[0-9.]+ +[0-9.]+ +[0-9]+\.[0-9]{2}$'
	figure "lab5-figure" "$OUT/lab5/microbench.png" "$OUT/lab5/microbench.md"
fi

# ---- lab 6: the four-way comparison ------------------------------------------------
ready6=0
for tb in kvm-x86_64 xen-x86_64 kvm-aarch64 xen-aarch64; do
	prepared "$tb" "lab6-$tb" && ready6=$((ready6 + 1))
done
if [ $ready6 -gt 0 ]; then
	lab 6 6-four-way.sh
	rows "lab6-testbeds" "select count(distinct r.testbed) from runs r join run_tags t on t.run_id = r.run_id
		where t.key = 'lab' and t.value = '6' and r.emulated = 1" $ready6
	if [ $ready6 = 4 ]; then
		has "lab6-x86" "$OUT/lab6/ratios.txt" '^x86_64 +hypercall \[cycles\] +[0-9.]+ +[0-9.]+ +[0-9]+\.[0-9]{2}'
		has "lab6-arm64" "$OUT/lab6/ratios.txt" '^aarch64 +hypercall \[ticks\] +[0-9.]+ +[0-9.]+ +[0-9]+\.[0-9]{2}'
		has "lab6-xen-version" "$OUT/lab6/testbeds.txt" 'xen-x86_64 x86_64 xen 1 .*testbed\.xen_version='
		has "lab6-figure-emulated" "$OUT/lab6/microbench.md" 'emulated'
	fi
	figure "lab6-figure" "$OUT/lab6/microbench.png" "$OUT/lab6/microbench.md"
fi
