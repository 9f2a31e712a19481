/*
 * vm_switch.c - vm-switch: the time from the last instruction of one VM to
 * the first of another on the same physical CPU (vm_switch.h).
 *
 * One iteration is a round trip timed in this (the main) VM's own counter,
 * from just before it hands the CPU over to just after it has it back, and
 * the value is half of it: main -> partner -> main is two switches, and
 * half of a round trip in one clock needs no cross-VM clock at all.
 *
 * The partner's side is vm_switch_partner.c.
 *
 *   refhv: main bumps `turn` to odd and rings the doorbell; its refhv
 *          yields the CPU until `turn` moves; the partner, back from its
 *          own doorbell, sees the odd turn, stamps partner_first and
 *          partner_last, bumps `turn` to even and rings.  Only the partner
 *          makes `turn` even again, so seeing it proves the partner ran.
 *          The stamps, put in host time with the offsets refhv published,
 *          give the two one-way times as a cross-check (logged).
 *   Xen:   both domains call SCHEDOP_yield in a loop on one pCPU.  Xen
 *          rewrites this vCPU's runstate area when it switches the vCPU
 *          out, so a changed state_entry_time after a yield proves another
 *          vCPU ran; a yield that returned without a switch is not counted
 *          (value: the mean of the switched round trips, halved), and more
 *          than 1 in VMSWITCH_MAX_MISS_SHARE of them fails the batch.
 */
#include "vm_switch.h"

#include "benchmarks.h"
#include "console.h"
#include "line.h"

#define VMSWITCH_WAIT_MS 1000          /* one hand-off (loaded emulated test-beds: up to 16 ms) */
#define VMSWITCH_PARTNER_WAIT_MS 10000 /* for the partner to come up */
#define VMSWITCH_MAX_MISS_SHARE 4      /* at most a quarter of the yields may not switch */
#define VMSWITCH_WARM_TRIPS 16         /* round trips in prepare, once the partner answered */

enum vm_switch_mode { MODE_REFHV, MODE_XEN };

struct vm_switch_bench {
	enum vm_switch_mode mode;
	volatile struct hvb_vmswitch_page *page;
	struct xen_runstate_info runstate __attribute__((aligned(64)));
	uint64_t tick_hz;
	uint64_t budget;                 /* ticks one hand-off may take */
	const char *failure;
	/* the refhv cross-check, summed (modulo 2^64) over the iterations */
	uint64_t to_partner, to_main, round_trips;
	uint64_t checked;
	uint64_t misses, yields;         /* Xen: yields without / with a switch */
};

static struct vm_switch_bench vm_switch_bench;

static uint64_t runstate_stamp(struct vm_switch_bench *s)
{
	return __atomic_load_n(&s->runstate.state_entry_time, __ATOMIC_ACQUIRE) & ~XEN_RUNSTATE_UPDATE;
}

/* ---- refhv: turns through the shared page ------------------------------- */

/* One round trip; 0 when the partner did not answer within the budget. */
static uint64_t refhv_round_trip(struct vm_switch_bench *s)
{
	volatile struct hvb_vmswitch_page *p = s->page;
	uint64_t turn = vm_switch_load(&p->turn) & ~1ull;
	uint64_t start = vm_switch_arch_tick();
	vm_switch_store(&p->turn, turn + 1);
	vm_switch_arch_doorbell();
	while (vm_switch_load(&p->turn) != turn + 2) {
		if (vm_switch_arch_tick() - start > s->budget) {
			vm_switch_store(&p->turn, turn + 2);   /* take the turn back */
			return 0;
		}
		vm_switch_arch_doorbell();
	}
	uint64_t end = vm_switch_arch_tick();
	/* host time = guest counter - offset; the partner's stamps are its own */
	uint64_t main_off = (uint64_t)p->offset[0], partner_off = (uint64_t)p->offset[1];
	s->to_partner += (p->partner_first - partner_off) - (start - main_off);
	s->to_main += (end - main_off) - (p->partner_last - partner_off);
	s->round_trips += end - start;
	s->checked++;
	return end - start;
}

static bool refhv_prepare(struct vm_switch_bench *s, struct bench_refusal *refusal)
{
	s->page = vm_switch_arch_page();
	if (!s->page || s->page->magic != HVB_VMSWITCH_MAGIC) {
		*refusal = (struct bench_refusal){ "unsupported", "needs-two-vms" };
		return false;
	}
	uint64_t start = vm_switch_arch_tick();
	while (!vm_switch_load(&s->page->partner_up)) {
		if (vm_switch_arch_tick() - start > vm_switch_ms_ticks(s->tick_hz, VMSWITCH_PARTNER_WAIT_MS)) {
			*refusal = (struct bench_refusal){ "failed", "partner-vm-did-not-start" };
			return false;
		}
		vm_switch_arch_doorbell();
	}
	for (unsigned i = 0; i < VMSWITCH_WARM_TRIPS; i++) {
		if (!refhv_round_trip(s)) {
			*refusal = (struct bench_refusal){ "failed", "partner-vm-did-not-answer" };
			return false;
		}
	}
	return true;
}

/* ---- Xen: SCHEDOP_yield, proven by the runstate area -------------------- */

/* One round trip, or 0 when Xen did not switch this vCPU out. */
static uint64_t xen_round_trip(struct vm_switch_bench *s)
{
	uint64_t before = runstate_stamp(s);
	uint64_t start = vm_switch_arch_tick();
	vm_switch_arch_xen_yield();
	uint64_t end = vm_switch_arch_tick();
	return runstate_stamp(s) != before ? end - start : 0;
}

static bool xen_prepare(struct vm_switch_bench *s, struct bench_refusal *refusal)
{
	if (vm_switch_arch_xen_runstate(&s->runstate) != 0) {
		*refusal = (struct bench_refusal){ "unsupported", "no-xen-runstate-area" };
		return false;
	}
	/* The partner domain is started first; wait until a yield switches. */
	uint64_t start = vm_switch_arch_tick();
	while (!xen_round_trip(s)) {
		if (vm_switch_arch_tick() - start > vm_switch_ms_ticks(s->tick_hz, VMSWITCH_PARTNER_WAIT_MS)) {
			*refusal = (struct bench_refusal){ "failed", "no-other-vcpu-on-this-pcpu" };
			return false;
		}
	}
	for (unsigned i = 0; i < VMSWITCH_WARM_TRIPS; i++)
		xen_round_trip(s);
	return true;
}

/* ---- the benchmark ------------------------------------------------------ */

bool bench_vm_switch_prepare(const struct bench *b, const struct guest_env *env,
			     struct bench_refusal *refusal)
{
	struct vm_switch_bench *s = &vm_switch_bench;

	(void)b;
	*s = (struct vm_switch_bench){ .tick_hz = env->platform.tick_hz };
	s->budget = vm_switch_ms_ticks(s->tick_hz, VMSWITCH_WAIT_MS);
	s->mode = vm_switch_is_xen(env) ? MODE_XEN : MODE_REFHV;
	return s->mode == MODE_XEN ? xen_prepare(s, refusal) : refhv_prepare(s, refusal);
}

uint64_t bench_vm_switch(uint64_t iters)
{
	struct vm_switch_bench *s = &vm_switch_bench;
	uint64_t total = 0, switched = 0, misses = 0;

	for (uint64_t i = 0; i < iters && !s->failure; i++) {
		uint64_t rt = s->mode == MODE_XEN ? xen_round_trip(s) : refhv_round_trip(s);
		if (rt) {
			total += rt;
			switched++;
		} else if (s->mode == MODE_XEN) {
			misses++;
		} else {
			s->failure = "partner-vm-did-not-answer";
		}
	}
	s->misses += misses;
	s->yields += switched + misses;
	if (s->mode == MODE_XEN && misses * VMSWITCH_MAX_MISS_SHARE > switched + misses)
		s->failure = "yield-did-not-switch";
	if (!switched)
		return 0;
	/* half the mean switched round trip, times iters (the runner divides) */
	return total * iters / switched / 2;
}

/* A signed mean of a sum kept modulo 2^64. */
static int64_t mean_of(uint64_t sum, uint64_t n)
{
	return (int64_t)sum / (int64_t)n;
}

static void put_mean(struct line *l, int64_t mean)
{
	if (mean < 0)
		line_put_char(l, '-');
	line_put_u64(l, mean < 0 ? 0 - (uint64_t)mean : (uint64_t)mean);
}

/*
 * The one-way times agree with the round trip when both are positive and
 * add up to it within a quarter (the rest is the stamps' own reads).  They
 * do not when KVM moved a guest's TSC offset after refhv read it: a host
 * whose TSC Linux calls unstable has KVM re-base the guest TSC at each
 * vCPU load (the kvm-x86_64 test-bed's qemu64 CPUs).
 */
static bool one_way_consistent(int64_t to_partner, int64_t to_main, int64_t round_trip)
{
	int64_t sum = to_partner + to_main;
	return to_partner > 0 && to_main > 0 && 4 * sum >= 3 * round_trip && 4 * sum <= 5 * round_trip;
}

/* The cross-check and the misses, as a log line once per check. */
static void log_summary(const struct vm_switch_bench *s)
{
	struct line l;

	line_init(&l);
	line_put(&l, "vm-switch: ");
	if (s->mode == MODE_REFHV && s->checked) {
		line_put(&l, "one-way in host time (offsets ");
		line_put(&l, s->page->exact[0] && s->page->exact[1] ? "exact" : "estimated");
		int64_t to_partner = mean_of(s->to_partner, s->checked);
		int64_t to_main = mean_of(s->to_main, s->checked);
		int64_t round_trip = mean_of(s->round_trips, s->checked);
		line_put(&l, "): main->partner ");
		put_mean(&l, to_partner);
		line_put(&l, " partner->main ");
		put_mean(&l, to_main);
		line_put(&l, " round trip ");
		put_mean(&l, round_trip);
		line_put(&l, " ticks (mean of ");
		line_put_u64(&l, s->checked);
		line_put(&l, one_way_consistent(to_partner, to_main, round_trip) ?
			     "): consistent" : "): inconsistent, a guest's offset moved");
	} else {
		line_put(&l, "xen yields that switched ");
		line_put_u64(&l, s->yields - s->misses);
		line_put(&l, " of ");
		line_put_u64(&l, s->yields);
	}
	console_emit(&l);
}

const char *bench_vm_switch_check(void)
{
	struct vm_switch_bench *s = &vm_switch_bench;

	log_summary(s);
	s->to_partner = s->to_main = s->round_trips = 0;
	s->checked = 0;
	return s->failure;
}
