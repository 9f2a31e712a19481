#!/bin/sh
# 1-trap-and-emulate.sh - lab 1 (labs/1-trap-and-emulate.md): run a list of
# x86 instructions in the guest (insns=), trace refhv's exits (--trace),
# count KVM's own exits per instruction (--stats), classify each, and store
# the table (lab1_insns) and a reference run (cpuid, pio-out-user) in the
# lab database.
#
#   labs/1-trap-and-emulate.sh [--quick] [--db FILE] [-o DIR]
#
# LAB1_INSNS overrides the list (names: the guest's insns=list); vmcall and
# vmmcall are left out by default because on some nested KVMs they never
# return (each boot here is bounded by refhv --timeout).
# Without a usable /dev/kvm, runs the list in the kvm-x86_64 test-bed
# instead (timing only: no trace there) when that test-bed is built.
set -u
. "$(dirname "$0")/lib.sh"
labs_init 1 "$@"

LIST=${LAB1_INSNS:-nop,add,pushf,sgdt,smsw,rdtsc,read-cr0,write-cr3,invlpg,cpuid,rdmsr-tsc,rdmsr-fsbase,rdmsr-efer,out-user,out-kernel,in-unassigned,mmio-store-user,mmio-load-user,mmio-store-kernel}
if [ $QUICK = 1 ]; then ITERS=200 BATCHES=3; else ITERS=2000 BATCHES=15; fi
EXECS=$((3 * ITERS + 1))        # one traced execution + three timed batches (insns.h)
TIMEOUT=30

# stats_exits FILE: KVM's "exits" counter from a --stats table ("-" if absent).
stats_exits() {
	awk '$1 == "refhv:" && $2 == "exits" { v = $3 } END { print (v == "" ? "-" : v) }' "$1"
}

# results FILE: "name op empty unit" for each "insn result" line.
results() {
	sed -n 's/.*insn result name=\([^ ]*\) iters=[0-9]* op=\([0-9.]*\) empty=\([0-9.]*\) unit=\([a-z]*\).*/\1 \2 \3 \4/p' "$1"
}

# user_exits TRACE: "name count kinds" - the exits to userspace between
# "insn begin" and "insn timed" (one execution), not counting the console's
# own line (the report port, 0xf0).
user_exits() {
	awk '
	/insn begin name=/ { sub(/.*name=/, ""); name = $1; inside = 1; n[name] = 0; kinds[name] = ""; order[++k] = name; next }
	/insn timed name=/ { inside = 0; next }
	inside && /refhv: trace / && !/port=0xf0 / {
		n[name]++
		kind = ""
		for (i = 1; i <= NF; i++)
			if ($i ~ /^(exit|dir|port|addr|insn)=/) kind = kind (kind ? ":" : "") substr($i, index($i, "=") + 1)
		if (index(kinds[name], kind) == 0) kinds[name] = kinds[name] (kinds[name] ? "," : "") kind
	}
	END { for (i = 1; i <= k; i++) print order[i], n[order[i]], (kinds[order[i]] ? kinds[order[i]] : "-") }' "$1"
}

if kvm_usable && [ -x "$REFHV" ]; then
	WHERE=refhv
	# A reference run first: it creates the database as hvbench's own.
	RUN=$(hvb_run --backend refhv --bench cpuid,pio-out-user --batches "$BATCHES") || exit 1
	say "reference run $RUN (cpuid, pio-out-user) stored"

	say "refhv --trace, insns=$LIST"
	"$REFHV" --timeout $TIMEOUT --trace --cmdline "console=report insns=$LIST insn_iters=$ITERS" \
		"$GUEST_X86" >"$OUT/trace.txt" 2>&1
	st=$?
	[ $st -eq 0 ] || { echo "refhv --trace ended with status $st; see $OUT/trace.txt" >&2; exit 1; }
	user_exits "$OUT/trace.txt" >"$OUT/user-exits.txt"

	say "refhv --stats, one boot per instruction"
	: >"$OUT/kvm-exits.txt"
	: >"$OUT/timing.txt"            # from these boots: no trace line slows them
	for i in $(echo "$LIST" | tr ',' ' '); do
		"$REFHV" --timeout $TIMEOUT --stats --cmdline "console=report insns=$i insn_iters=$ITERS" \
			"$GUEST_X86" >"$OUT/stats-$i.txt" 2>&1
		echo "$i $(stats_exits "$OUT/stats-$i.txt")" >>"$OUT/kvm-exits.txt"
		results "$OUT/stats-$i.txt" >>"$OUT/timing.txt"
	done
else
	WHERE=kvm-x86_64
	kvm_usable || echo "no usable /dev/kvm here: the instruction list runs in the kvm-x86_64 test-bed (timing only)"
	testbed_ready kvm-x86_64 || die "test-bed kvm-x86_64 is not built: 'make testbeds' (or hvbench testbed build kvm-x86_64) first"
	RUN=$(hvb_run --testbed kvm-x86_64 --bench cpuid,pio-out-user --batches "$BATCHES") || exit 1
	say "reference run $RUN (cpuid, pio-out-user, emulated) stored"
	say "insns=$LIST in the kvm-x86_64 test-bed"
	nice -n 10 "$LABS_TOP/testbeds/run.sh" kvm-x86_64 --timeout $TIMEOUT \
		--cmdline "insns=$LIST insn_iters=$ITERS" "$GUEST_X86" insns >"$OUT/trace.txt" 2>&1 ||
		{ echo "the test-bed run failed; see $OUT/trace.txt" >&2; exit 1; }
	results "$OUT/trace.txt" >"$OUT/timing.txt"
	: >"$OUT/user-exits.txt"
	: >"$OUT/kvm-exits.txt"
fi

# Classify: exits to userspace (trace), KVM exits per execution beyond
# nop's (--stats), time per execution beyond the empty loop and nop's, and
# that time as a fraction of cpuid's (always intercepted by VT-x and SVM).
# KVM's counter is believed only when cpuid shows about one exit per
# execution; without a trace (the test-bed) the verdict is by cost: at
# least a third of cpuid's is "an exit".
awk -v execs=$EXECS -v where=$WHERE '
FILENAME ~ /user-exits/ { ue[$1] = $2; uk[$1] = $3; next }
FILENAME ~ /kvm-exits/ { ke[$1] = $2; next }
{ name[++n] = $1; op[$1] = $2; em[$1] = $3; unit[$1] = $4 }
END {
	nop = ("nop" in op) ? op["nop"] - em["nop"] : 0
	cpu = ("cpuid" in op) ? op["cpuid"] - em["cpuid"] - nop : 0
	base = ("nop" in ke) ? ke["nop"] : ""
	reliable = (base != "" && base != "-" && ("cpuid" in ke) && ke["cpuid"] != "-" &&
		    (ke["cpuid"] - base) / execs > 0.5)
	printf "%-18s %10s %-44s %10s %14s %8s  %s\n", "insn", "user-exits", "exit to userspace (reason:dir:port/addr:insn)",
	       "kvm-exits", "extra " unit[name[1]], "x-cpuid", "verdict"
	for (i = 1; i <= n; i++) {
		x = name[i]
		u = (x in ue) ? ue[x] : "-"
		k = (reliable && (x in ke)) ? sprintf("%.2f", (ke[x] - base) / execs) : "-"
		extra = op[x] - em[x] - nop
		rel = cpu > 0 ? sprintf("%.2f", extra / cpu) : "-"
		if (u != "-" && u > 0) v = "exits to userspace (the VMM)"
		else if (k != "-" && k >= 0.5) v = "traps, handled in KVM"
		else if (k != "-") v = "no exit"
		else if (u == "0") v = "no exit to userspace; in KVM: unknown here"
		else if (rel != "-" && extra >= cpu / 3) v = "costs an exit (no trace here: by cost)"
		else if (rel != "-") v = "no exit (no trace here: by cost)"
		else v = "unknown"
		printf "%-18s %10s %-44s %10s %14.1f %8s  %s\n", x, u, (x in uk) ? uk[x] : "-", k, extra, rel, v
	}
	if (!reliable && where == "refhv")
		printf "\nnote: KVM'"'"'s exits counter moved by %s per cpuid here (expected about 1): it does not count in-kernel exits on this host, so the kvm-exits column is left empty\n",
		       (base != "" && base != "-" && ke["cpuid"] != "-") ? sprintf("%.2f", (ke["cpuid"] - base) / execs) : "-"
}' "$OUT/user-exits.txt" "$OUT/kvm-exits.txt" "$OUT/timing.txt" >"$OUT/classification.txt"
cat "$OUT/classification.txt"

# Store the table beside the run (lab1_insns: one row per instruction).
{
	echo "CREATE TABLE IF NOT EXISTS lab1_insns (run_id INTEGER NOT NULL, place TEXT NOT NULL,"
	echo "  insn TEXT NOT NULL, user_exits TEXT, user_exit TEXT, kvm_exits TEXT, extra REAL, x_cpuid TEXT,"
	echo "  unit TEXT, verdict TEXT);"
	echo "BEGIN;"
	awk -v run="$RUN" -v where="$WHERE" 'NR > 1 && NF >= 7 && $1 != "note:" {
		v = ""; for (i = 7; i <= NF; i++) v = v (v ? " " : "") $i
		gsub(/'"'"'/, "", v)
		printf "INSERT INTO lab1_insns VALUES (%d, '"'"'%s'"'"', '"'"'%s'"'"', '"'"'%s'"'"', '"'"'%s'"'"', '"'"'%s'"'"', %s, '"'"'%s'"'"', '"'"'%s'"'"', '"'"'%s'"'"');\n",
		       run, where, $1, $2, $3, $4, $5, $6, "cycles", v
	}' "$OUT/classification.txt"
	echo "COMMIT;"
} >"$OUT/store.sql"
sqlite3 -batch "$DB" <"$OUT/store.sql" || die "could not store lab1_insns in $DB"
say "stored $(q "select count(*) from lab1_insns where run_id = $RUN") rows in lab1_insns (run $RUN)"
labs_done
