/*
 * dom0_xen_iolat.c - unit tests for the dom0 program's request handling
 * (dom0/xen_iolat_proto.c) on a page in ordinary memory: what each request
 * is answered with, that only IN asks for an event back, that a request
 * delivered twice is answered once, that RESYNC
 * starts a calibration, that garbage is acknowledged and ignored, and that
 * a calibration answers each new request once and ends at DONE.
 */
#include <check.h>
#include <string.h>

#include "check_main.h"
#include "xen_iolat_proto.h"

static uint64_t now_value;

static uint64_t fake_counter(void)
{
	return now_value;
}

static void post(struct hvb_xen_iolat_page *p, uint32_t req, uint64_t seq)
{
	p->req = req;
	p->req_seq = seq;
}

START_TEST(out_is_stamped_at_wakeup)
{
	struct hvb_xen_iolat_page p;
	uint64_t served = 0;
	memset(&p, 0, sizeof(p));
	post(&p, HVB_XEN_IOLAT_OUT, 7);
	now_value = 5000;
	ck_assert_int_eq(iolat_serve_event(&p, 1234, fake_counter, &served), IOLAT_NOTHING);
	ck_assert_uint_eq(p.stamp, 1234);   /* the wake-up, not the later read */
	ck_assert_uint_eq(p.ack_seq, 7);
}
END_TEST

START_TEST(in_is_stamped_before_the_notification)
{
	struct hvb_xen_iolat_page p;
	uint64_t served = 0;
	memset(&p, 0, sizeof(p));
	post(&p, HVB_XEN_IOLAT_IN, 8);
	now_value = 5000;
	ck_assert_int_eq(iolat_serve_event(&p, 1234, fake_counter, &served), IOLAT_NOTIFY);
	ck_assert_uint_eq(p.stamp, 5000);
	ck_assert_uint_eq(p.ack_seq, 8);
}
END_TEST

START_TEST(a_request_is_answered_once)
{
	struct hvb_xen_iolat_page p;
	uint64_t served = 0;
	memset(&p, 0, sizeof(p));
	post(&p, HVB_XEN_IOLAT_IN, 4);
	now_value = 100;
	ck_assert_int_eq(iolat_serve_event(&p, 50, fake_counter, &served), IOLAT_NOTIFY);
	/* the same event delivered again: no new stamp, no second event */
	now_value = 900;
	ck_assert_int_eq(iolat_serve_event(&p, 800, fake_counter, &served), IOLAT_NOTHING);
	ck_assert_uint_eq(p.stamp, 100);
	ck_assert_uint_eq(served, 4);
}
END_TEST

START_TEST(resync_starts_a_calibration)
{
	struct hvb_xen_iolat_page p;
	uint64_t served = 0;
	memset(&p, 0, sizeof(p));
	post(&p, HVB_XEN_IOLAT_RESYNC, 9);
	ck_assert_int_eq(iolat_serve_event(&p, 42, fake_counter, &served), IOLAT_CALIBRATE);
	ck_assert_uint_eq(p.ack_seq, 9);
}
END_TEST

START_TEST(garbage_is_acknowledged_and_ignored)
{
	struct hvb_xen_iolat_page p;
	uint64_t served = 0;
	memset(&p, 0xa5, sizeof(p));
	post(&p, 0xdeadbeef, UINT64_MAX);
	ck_assert_int_eq(iolat_serve_event(&p, 1, fake_counter, &served), IOLAT_NOTHING);
	ck_assert_uint_eq(p.ack_seq, UINT64_MAX);
	post(&p, HVB_XEN_IOLAT_SYNC, 3);   /* a SYNC with an event: no calibration, no event */
	ck_assert_int_eq(iolat_serve_event(&p, 2, fake_counter, &served), IOLAT_NOTHING);
}
END_TEST

START_TEST(calibration_answers_each_request_once)
{
	struct hvb_xen_iolat_page p;
	memset(&p, 0, sizeof(p));
	uint64_t last = 0;
	ck_assert(!iolat_calibrate_step(&p, &last, 100));   /* nothing new */
	ck_assert_uint_eq(p.ack_seq, 0);
	post(&p, HVB_XEN_IOLAT_SYNC, 1);
	ck_assert(!iolat_calibrate_step(&p, &last, 200));
	ck_assert_uint_eq(p.stamp, 200);
	ck_assert_uint_eq(p.ack_seq, 1);
	ck_assert(!iolat_calibrate_step(&p, &last, 300));   /* the same request again */
	ck_assert_uint_eq(p.stamp, 200);
	post(&p, HVB_XEN_IOLAT_DONE, 2);
	ck_assert(iolat_calibrate_step(&p, &last, 400));
	ck_assert_uint_eq(p.ack_seq, 2);
	ck_assert_uint_eq(last, 2);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("dom0-xen-iolat");
	TCase *t = tcase_create("requests");
	tcase_add_test(t, out_is_stamped_at_wakeup);
	tcase_add_test(t, in_is_stamped_before_the_notification);
	tcase_add_test(t, a_request_is_answered_once);
	tcase_add_test(t, resync_starts_a_calibration);
	tcase_add_test(t, garbage_is_acknowledged_and_ignored);
	tcase_add_test(t, calibration_answers_each_request_once);
	suite_add_tcase(s, t);
	return check_run(s);
}
