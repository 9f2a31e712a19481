/*
 * main.c - the native runner: tlb-native as a Linux program, for the
 * machines where hvbench itself cannot run the chase natively (the arm64
 * test-beds: their own Linux, under the same emulated CPU as tlb-nested).
 *
 * It is the guest's benchmark code without the guest kernel: the same
 * runner (../runner.c: batch sizing, warm-up, empty loop, samples), the
 * same report records (guest-kernel/report.c), the same pointer chase
 * (../pointer_chase.c) and the same counter (arm64 cntvct_el0, readable at
 * EL0 under Linux), on a working set mapped with 4 KiB or transparent
 * 2 MiB pages (chase_map.c).  Its HVB lines go to stdout, so a test-bed
 * frames and the harness parses them like a guest's.
 *
 *   tlb-native-aarch64 'bench=tlb-native batches=N [batch_ticks=N] [warmup=N] ...'
 *
 * Variants "4k-4k" .. "2m-1g" (host page size - working set).  A working
 * set larger than the free memory is unsupported (needs-more-ram) rather
 * than a run into the OOM killer.  A 2 MiB variant the kernel did not back
 * with huge pages ends ok with the note thp-not-granted (AnonHugePages in
 * /proc/self/smaps; thp-unknown when smaps cannot be read).
 */
#include <stdio.h>
#include <unistd.h>

#include "arch_tick.h"
#include "bench.h"
#include "build-id.h"
#include "chase_map.h"
#include "console.h"
#include "hvb-abi.h"
#include "kernel.h"
#include "pointer_chase.h"
#include "report.h"
#include "runner.h"

#define KIB 1024ull
#define MIB (1024 * KIB)
#define FREE_MARGIN (32 * MIB)   /* left to the kernel and this program beyond the working set */

struct native_variant {
	uint64_t bytes;
	bool huge;
};

/* The variant being measured: its mapping and where the chase stands. */
struct native_state {
	struct chase_map map;
	void *cursor;
	const char *note;        /* the 2 MiB variant's THP note, or NULL */
};

static struct native_state state;

static bool native_prepare(const struct bench *b, const struct guest_env *env,
			   struct bench_refusal *refusal)
{
	const struct native_variant *v = b->arg;

	chase_unmap(&state.map);
	long free_pages = sysconf(_SC_AVPHYS_PAGES), page = sysconf(_SC_PAGESIZE);
	if (free_pages > 0 && page > 0 &&
	    (uint64_t)free_pages * (uint64_t)page < v->bytes + FREE_MARGIN) {
		*refusal = (struct bench_refusal){ "unsupported", "needs-more-ram" };
		return false;
	}
	if (!chase_map(&state.map, v->bytes, v->huge)) {
		*refusal = (struct bench_refusal){ "failed", "cannot-map-working-set" };
		return false;
	}
	state.cursor = chase_build(state.map.base, (size_t)v->bytes, v->bytes);
	long huge_kib = chase_map_huge_kib(&state.map);
	state.note = !v->huge ? NULL : huge_kib < 0 ? "thp-unknown" :
		     (uint64_t)huge_kib * KIB < state.map.span ? "thp-not-granted" : NULL;
	return true;
}

static uint64_t native_chase(uint64_t iters)
{
	uint64_t start = tick_begin();
	void *end = chase_run(state.cursor, iters);
	uint64_t ticks = tick_end() - start;

	state.cursor = end;
	return ticks;
}

static const char *native_note(void)
{
	return state.note;
}

#define NATIVE(variant_, bytes_, huge_)                                                        \
	{ .name = "tlb-native", .variant = variant_, .unit = "ticks", .arch = "aarch64",          \
	  .run = native_chase, .prepare = native_prepare, .note = native_note,                  \
	  .arg = &(const struct native_variant){ bytes_, huge_ } }
static const struct bench native_table[] = {
	NATIVE("4k-4k", 4 * KIB, false),     NATIVE("4k-64k", 64 * KIB, false),
	NATIVE("4k-1m", 1 * MIB, false),     NATIVE("4k-16m", 16 * MIB, false),
	NATIVE("4k-64m", 64 * MIB, false),   NATIVE("4k-256m", 256 * MIB, false),
	NATIVE("4k-1g", 1024 * MIB, false),
	NATIVE("2m-4k", 4 * KIB, true),      NATIVE("2m-64k", 64 * KIB, true),
	NATIVE("2m-1m", 1 * MIB, true),      NATIVE("2m-16m", 16 * MIB, true),
	NATIVE("2m-64m", 64 * MIB, true),    NATIVE("2m-256m", 256 * MIB, true),
	NATIVE("2m-1g", 1024 * MIB, true),
};
#undef NATIVE

/* The console of this "kernel" is stdout, one whole line per write. */
void console_emit(const struct line *l)
{
	char text[HVB_REPORT_MAX + 1];
	size_t len = l->len < HVB_REPORT_MAX ? l->len : HVB_REPORT_MAX;

	for (size_t i = 0; i < len; i++)
		text[i] = l->text[i];
	text[len] = '\n';
	if (write(STDOUT_FILENO, text, len + 1) < 0)
		_exit(HVB_GUEST_EXIT_FAIL);
}

/* No note section is located in a Linux program: the hello says build=0. */
size_t build_id(const uint8_t **id)
{
	*id = NULL;
	return 0;
}

static uint64_t counter_hz(void)
{
	uint64_t hz;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(hz));
	return hz & 0xffffffffu;
}

int main(int argc, char **argv)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	struct guest_env env = {
		.boot = "linux",
		.platform = { .arch = "aarch64", .tick = "cntvct", .tick_hz = counter_hz(),
			      .cpus = cpus > 0 ? (unsigned)cpus : 1, .hv = "none",
			      .vendor = "other" },
	};
	struct runner_config cfg;
	struct str list;

	cmdline_init(&env.cmdline, argc > 1 ? argv[1] : "");
	report_hello(&env.platform, env.boot);
	if (argc > 2 || runner_config_read(&env.cmdline, &cfg) != NULL) {
		report_error("bad-option");
		return HVB_GUEST_EXIT_FAIL;
	}
	cfg.env = &env;
	/* only tlb-native lives here: any other name is not ours to run */
	if (cmdline_find(&env.cmdline, "bench", &list)) {
		struct str name;
		while (str_next_item(&list, ',', &name)) {
			if (!str_eq(name, "tlb-native")) {
				report_error("unknown-benchmark");
				return HVB_GUEST_EXIT_FAIL;
			}
		}
	}
	for (size_t i = 0; i < sizeof(native_table) / sizeof(native_table[0]); i++)
		runner_run(&cfg, &native_table[i]);
	chase_unmap(&state.map);
	report_done((unsigned)(sizeof(native_table) / sizeof(native_table[0])));
	return HVB_GUEST_EXIT_OK;
}
