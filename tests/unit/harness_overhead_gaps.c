/*
 * harness_overhead_gaps.c - unit tests for harness/overhead/overhead_gaps.c:
 * a gap runs from KVM_RUN's return to the same thread's next KVM_RUN and
 * counts for the benchmark whose exit it was; threads are kept apart
 * (names with spaces, as QEMU's "CPU 0/KVM"); other ioctls, interrupted
 * KVM_RUNs, untagged exits, garbage and lost events are handled.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "overhead/overhead_gaps.h"
#include "check_main.h"

static struct ovh_gaps *fresh(void)
{
	struct ovh_gaps *g = malloc(sizeof(*g));
	ck_assert_ptr_nonnull(g);
	ovh_gaps_reset(g);
	return g;
}

static void feed_all(struct ovh_gaps *g, const char *const *lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ovh_gaps_feed(g, lines[i]);
}

#define FEED(g, lines) feed_all((g), (lines), sizeof(lines) / sizeof((lines)[0]))

START_TEST(pio_gap_is_return_to_next_entry)
{
	static const char *const lines[] = {
		"# entries-in-buffer/entries-written: 9/9   #P:2",
		"       kvm-floor-5617    [000] ..... 1000: sys_enter: NR 16 (6, ae80, 0, 0, 0, 0)",
		"       kvm-floor-5617    [000] ..... 1500: kvm_pio: pio_write at 0x700 size 1 count 1 val 0x0 ",
		"       kvm-floor-5617    [000] ..... 1700: sys_exit: NR 16 = 0",
		"       kvm-floor-5617    [000] ..... 2480: sys_enter: NR 16 (6, ae80, 0, 0, 0, 0)",
		"       kvm-floor-5617    [001] ..... 3000: kvm_pio: pio_write at 0x700 size 1 count 1 val 0x0 ",
		"       kvm-floor-5617    [001] ..... 3100: sys_exit: NR 16 = 0",
		"       kvm-floor-5617    [001] ..... 3906: sys_enter: NR 16 (6, ae80, 0, 0, 0, 0)",
	};
	struct ovh_gaps *g = fresh();
	FEED(g, lines);
	ck_assert_uint_eq(g->n[OVH_GAP_PIO], 2);
	ck_assert_uint_eq(g->ticks[OVH_GAP_PIO][0], 780);
	ck_assert_uint_eq(g->ticks[OVH_GAP_PIO][1], 806);
	ck_assert_uint_eq(g->n[OVH_GAP_MMIO], 0);
	ck_assert_uint_eq(g->lost_events, 0);
	free(g);
}
END_TEST

START_TEST(mmio_and_threads_apart)
{
	/* Two vCPU threads interleaved; the second's name has a space and a dash. */
	static const char *const lines[] = {
		"       CPU 0/KVM-700     [000] ..... 100: sys_enter: NR 16 (c, ae80, 0, 0, 0, 0)",
		"     CPU 1/KVM-x-701     [001] ..... 110: sys_enter: NR 16 (d, ae80, 0, 0, 0, 0)",
		"       CPU 0/KVM-700     [000] ..... 200: kvm_mmio: mmio write len 4 gpa 0xd0000000 val 0x0",
		"       CPU 0/KVM-700     [000] ..... 210: sys_exit: NR 16 = 0",
		"     CPU 1/KVM-x-701     [001] ..... 220: kvm_pio: pio_write at 0x700 size 1 count 1 val 0x0 ",
		"     CPU 1/KVM-x-701     [001] ..... 230: sys_exit: NR 16 = 0",
		"       CPU 0/KVM-700     [000] ..... 260: sys_enter: NR 16 (c, ae80, 0, 0, 0, 0)",
		"     CPU 1/KVM-x-701     [001] ..... 300: sys_enter: NR 16 (d, ae80, 0, 0, 0, 0)",
	};
	struct ovh_gaps *g = fresh();
	FEED(g, lines);
	ck_assert_uint_eq(g->n[OVH_GAP_MMIO], 1);
	ck_assert_uint_eq(g->ticks[OVH_GAP_MMIO][0], 50);
	ck_assert_uint_eq(g->n[OVH_GAP_PIO], 1);
	ck_assert_uint_eq(g->ticks[OVH_GAP_PIO][0], 70);
	free(g);
}
END_TEST

START_TEST(what_does_not_count)
{
	static const char *const lines[] = {
		/* console exit (another port): untagged */
		"  refhv-9-10 [000] ..... 100: sys_enter: NR 16 (6, ae80, 0, 0, 0, 0)",
		"  refhv-9-10 [000] ..... 110: kvm_pio: pio_write at 0xe9 size 1 count 1 val 0x41 ",
		"  refhv-9-10 [000] ..... 120: sys_exit: NR 16 = 0",
		/* a read of the benchmark port is not pio-out-user */
		"  refhv-9-10 [000] ..... 130: sys_enter: NR 16 (6, ae80, 0, 0, 0, 0)",
		"  refhv-9-10 [000] ..... 140: kvm_pio: pio_read at 0x700 size 1 count 1 val 0xff ",
		"  refhv-9-10 [000] ..... 150: sys_exit: NR 16 = 0",
		/* an ioctl other than KVM_RUN inside the gap neither ends nor opens one */
		"  refhv-9-10 [000] ..... 152: sys_enter: NR 16 (6, 8090ae81, 7ffc, 0, 0, 0)",
		"  refhv-9-10 [000] ..... 154: sys_exit: NR 16 = 0",
		/* KVM_RUN interrupted by the kick signal: no exit to handle */
		"  refhv-9-10 [000] ..... 160: sys_enter: NR 16 (6, ae80, 0, 0, 0, 0)",
		"  refhv-9-10 [000] ..... 165: kvm_pio: pio_write at 0x700 size 1 count 1 val 0x0 ",
		"  refhv-9-10 [000] ..... 170: sys_exit: NR 16 = -4",
		"  refhv-9-10 [000] ..... 180: sys_enter: NR 16 (6, ae80, 0, 0, 0, 0)",
		/* a timestamp going backwards is no gap */
		"  refhv-9-10 [000] ..... 190: kvm_mmio: mmio write len 4 gpa 0xd0000000 val 0x0",
		"  refhv-9-10 [000] ..... 195: sys_exit: NR 16 = 0",
		"  refhv-9-10 [001] ..... 150: sys_enter: NR 16 (6, ae80, 0, 0, 0, 0)",
		/* garbage */
		"",
		"#",
		"no brackets here: sys_enter: NR 16 (6, ae80",
		"  x-1 [000] ..... notanumber: sys_exit: NR 16 = 0",
		"  -5 [000] ..... 10: sys_exit: NR 16 = 0",
		"  refhv-9-10 [000 ..... 10: sys_exit: NR 16 = 0",
		"  refhv-9-10 [000] ..... 200: sys_enter: NR 16 (",
		"  refhv-9-10 [000] ..... 210: kvm_mmio: mmio write len 4 gpa 0xd0001000 val 0x0",
	};
	struct ovh_gaps *g = fresh();
	FEED(g, lines);
	ck_assert_uint_eq(g->n[OVH_GAP_PIO], 0);
	ck_assert_uint_eq(g->n[OVH_GAP_MMIO], 0);
	ck_assert_uint_eq(g->untagged, 2);   /* the console exit and the pio read */
	free(g);
}
END_TEST

START_TEST(lost_events_are_counted)
{
	struct ovh_gaps *g = fresh();
	ovh_gaps_feed(g, "# entries-in-buffer/entries-written: 100/130   #P:2");
	ovh_gaps_feed(g, "CPU:1 [LOST 7 EVENTS]");
	ck_assert_uint_eq(g->lost_events, 37);
	ovh_gaps_reset(g);
	ck_assert_uint_eq(g->lost_events, 0);
	free(g);
}
END_TEST

START_TEST(more_gaps_than_kept_are_dropped_and_counted)
{
	struct ovh_gaps *g = fresh();
	char line[128];
	for (unsigned i = 0; i < OVH_GAPS_MAX + 3; i++) {
		unsigned long long t = 1000ull * i;
		snprintf(line, sizeof(line), "  f-1 [000] ..... %llu: sys_enter: NR 16 (6, ae80, 0)", t);
		ovh_gaps_feed(g, line);
		snprintf(line, sizeof(line), "  f-1 [000] ..... %llu: kvm_pio: pio_write at 0x700 size 1", t + 1);
		ovh_gaps_feed(g, line);
		snprintf(line, sizeof(line), "  f-1 [000] ..... %llu: sys_exit: NR 16 = 0", t + 2);
		ovh_gaps_feed(g, line);
	}
	ovh_gaps_feed(g, "  f-1 [000] ..... 999999999999: sys_enter: NR 16 (6, ae80, 0)");
	ck_assert_uint_eq(g->n[OVH_GAP_PIO], OVH_GAPS_MAX);
	ck_assert_uint_eq(g->dropped[OVH_GAP_PIO], 3);
	ck_assert_uint_eq(g->ticks[OVH_GAP_PIO][0], 998);
	free(g);
}
END_TEST

START_TEST(too_many_threads_are_ignored)
{
	struct ovh_gaps *g = fresh();
	char line[128];
	for (int tid = 1; tid <= OVH_GAP_THREADS + 5; tid++) {
		snprintf(line, sizeof(line), "  t-%d [000] ..... 10: sys_enter: NR 16 (6, ae80, 0)", tid);
		ovh_gaps_feed(g, line);
	}
	ck_assert_uint_eq(g->n_threads, OVH_GAP_THREADS);
	free(g);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("overhead_gaps");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, pio_gap_is_return_to_next_entry);
	tcase_add_test(tc, mmio_and_threads_apart);
	tcase_add_test(tc, what_does_not_count);
	tcase_add_test(tc, lost_events_are_counted);
	tcase_add_test(tc, more_gaps_than_kept_are_dropped_and_counted);
	tcase_add_test(tc, too_many_threads_are_ignored);
	suite_add_tcase(s, tc);
	return check_run(s);
}
