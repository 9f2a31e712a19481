/*
 * insns.c - run the instruction list given by insns= (see insns.h):
 * markers around one execution of each instruction, then its timed cost.
 */
#include "insns.h"

#include "bench.h"
#include "console.h"
#include "hvb-abi.h"
#include "line.h"
#include "report.h"

#define DEFAULT_ITERS 1000
#define MAX_ITERS 1000000
#define BATCHES 3

static const struct insn_probe *find(struct str name)
{
	for (unsigned i = 0; i < insn_count; i++)
		if (str_eq(name, insn_table[i].name))
			return &insn_table[i];
	return NULL;
}

static void marker(const char *what, const char *name)
{
	struct line l;

	line_init(&l);
	line_put(&l, "insn ");
	line_put(&l, what);
	line_put_kv(&l, "name", name);
	console_emit(&l);
}

/* The least of BATCHES timed batches of iters executions, in ticks. */
static uint64_t least(uint64_t (*run)(uint64_t), uint64_t iters)
{
	uint64_t best = UINT64_MAX;

	for (unsigned b = 0; b < BATCHES; b++) {
		uint64_t t = run(iters);
		if (t < best)
			best = t;
	}
	return best;
}

static void run_one(const struct insn_probe *p, uint64_t iters, const char *unit)
{
	struct line l;

	marker("begin", p->name);
	p->run(1);
	marker("timed", p->name);
	uint64_t op = least(p->run, iters), empty = least(bench_empty_loop, iters);
	line_init(&l);
	line_put(&l, "insn result");
	line_put_kv(&l, "name", p->name);
	line_put_kv_u64(&l, "iters", iters);
	line_put(&l, " op=");
	line_put_milli(&l, op * 1000 / iters);
	line_put(&l, " empty=");
	line_put_milli(&l, empty * 1000 / iters);
	line_put_kv(&l, "unit", unit);
	console_emit(&l);
}

static void print_table(void)
{
	for (unsigned i = 0; i < insn_count; i++) {
		struct line l;
		line_init(&l);
		line_put(&l, "insn known");
		line_put_kv(&l, "name", insn_table[i].name);
		line_put(&l, " what=");
		line_put(&l, insn_table[i].what);
		console_emit(&l);
	}
}

int insns_main(const struct guest_env *env, struct str names)
{
	uint64_t iters = DEFAULT_ITERS;
	struct str list = names, name;
	const char *unit = str_eq((struct str){ env->platform.tick, strlen(env->platform.tick) }, "tsc")
				   ? "cycles" : "ticks";

	if (cmdline_u64(&env->cmdline, "insn_iters", 1, MAX_ITERS, &iters) == OPT_BAD) {
		report_error("bad-option");
		return HVB_GUEST_EXIT_FAIL;
	}
	if (str_eq(names, "list")) {
		print_table();
		return HVB_GUEST_EXIT_OK;
	}
	while (str_next_item(&list, ',', &name)) {    /* every name first: fail before running */
		if (!find(name)) {
			report_error("unknown-instruction");
			return HVB_GUEST_EXIT_FAIL;
		}
	}
	list = names;
	while (str_next_item(&list, ',', &name))
		run_one(find(name), iters, unit);
	marker("done", "-");
	return HVB_GUEST_EXIT_OK;
}
