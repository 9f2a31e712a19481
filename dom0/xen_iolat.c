/*
 * xen_iolat.c - hvb-xen-iolat, our dom0 program for io-latency under Xen:
 * the backend the guest's event channel notifies and that notifies back.
 *
 *   hvb-xen-iolat DOMID TIMEOUT_S
 *
 * It maps the page domain DOMID grants through HVB_XEN_IOLAT_GREF
 * (/dev/xen/gntdev), binds the event channel whose number the guest wrote
 * there (/dev/xen/evtchn, IOCTL_EVTCHN_BIND_INTERDOMAIN), answers the
 * guest's SYNC requests by polling the page (clock calibration, no event
 * involved) until the guest says DONE, then serves events: on each wake-up
 * it reads its counter first, stamps OUT requests, for IN requests stamps
 * and notifies back (IOCTL_EVTCHN_NOTIFY), and after a RESYNC request
 * calibrates again.  See hvb-abi.h.
 *
 * The guest is hostile: the page is only read for the request word and
 * sequence number, unknown requests are acknowledged and ignored, one event
 * brings at most one event back, and the whole run ends after TIMEOUT_S
 * (or on SIGTERM), releasing the grant so the domain can be destroyed.
 * Exit status: 0 served (or the guest never offered the page: nothing to
 * serve is not our error, the guest reports it), 2 usage, 3 Xen refused.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
/* Linux's Xen uapi headers expect Xen's two basic types (xen/include/public). */
typedef uint16_t domid_t;
typedef uint32_t grant_ref_t;
#include <xen/evtchn.h>
#include <xen/gntdev.h>

#include "hvb-abi.h"
#include "util/host_tick.h"
#include "xen_iolat_proto.h"

#define PAGE_BYTES 4096
#define RETRY_NS 5000000L          /* 5 ms between tries to map the grant */
#define SYNC_LIMIT_S 10            /* calibration may take this long at most */
#define POLL_MS 200                /* how often the event loop looks at the clock */

struct iolat {
	unsigned domid;
	int gntdev, evtchn;
	uint64_t index;               /* gntdev's mmap offset, valid when mapped */
	volatile struct hvb_xen_iolat_page *page;
	uint32_t local_port;
	time_t deadline;
	uint64_t served;              /* the last request answered */
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* The counter the guest calibrates against: x86 TSC, arm64 cntvct_el0. */
static uint64_t counter(void)
{
	return host_tick();
}

static bool expired(const struct iolat *s)
{
	return stop || time(NULL) >= s->deadline;
}

static void pause_a_little(void)
{
	struct timespec ts = { 0, RETRY_NS };
	nanosleep(&ts, NULL);
}

/* One try: map the grant; false (and nothing held) when the guest has not granted yet. */
static bool try_map(struct iolat *s)
{
	struct ioctl_gntdev_map_grant_ref map = {
		.count = 1,
		.refs[0] = { .domid = s->domid, .ref = HVB_XEN_IOLAT_GREF },
	};
	if (ioctl(s->gntdev, IOCTL_GNTDEV_MAP_GRANT_REF, &map))
		return false;
	void *p = mmap(NULL, PAGE_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, s->gntdev, (off_t)map.index);
	if (p == MAP_FAILED) {
		struct ioctl_gntdev_unmap_grant_ref unmap = { .index = map.index, .count = 1 };
		ioctl(s->gntdev, IOCTL_GNTDEV_UNMAP_GRANT_REF, &unmap);
		return false;
	}
	s->index = map.index;
	s->page = p;
	return true;
}

static void unmap(struct iolat *s)
{
	if (!s->page)
		return;
	munmap((void *)s->page, PAGE_BYTES);
	struct ioctl_gntdev_unmap_grant_ref unmap = { .index = s->index, .count = 1 };
	ioctl(s->gntdev, IOCTL_GNTDEV_UNMAP_GRANT_REF, &unmap);
	s->page = NULL;
}

/* Map the page and wait for its signature; then bind the guest's port. */
static int attach(struct iolat *s)
{
	while (!expired(s) && !try_map(s))
		pause_a_little();
	while (!expired(s) && s->page &&
	       __atomic_load_n(&s->page->magic, __ATOMIC_ACQUIRE) != HVB_XEN_IOLAT_MAGIC)
		pause_a_little();
	if (expired(s))
		return 1;
	struct ioctl_evtchn_bind_interdomain bind = {
		.remote_domain = s->domid,
		.remote_port = s->page->port,
	};
	int port = ioctl(s->evtchn, IOCTL_EVTCHN_BIND_INTERDOMAIN, &bind);
	if (port < 0) {
		fprintf(stderr, "hvb-xen-iolat: bind d%u port %u: %s\n", s->domid, bind.remote_port,
			strerror(errno));
		return -1;
	}
	s->local_port = (uint32_t)port;
	__atomic_store_n(&s->page->bound, 1, __ATOMIC_RELEASE);
	return 0;
}

/* The calibration: poll the page, stamp each SYNC at once, until DONE. */
static void calibrate(struct iolat *s)
{
	time_t limit = time(NULL) + SYNC_LIMIT_S;

	while (!expired(s) && time(NULL) < limit)
		if (iolat_calibrate_step(s->page, &s->served, counter()))
			return;
}

static void serve_event(struct iolat *s, uint64_t woke)
{
	switch (iolat_serve_event(s->page, woke, counter, &s->served)) {
	case IOLAT_NOTIFY: {
		struct ioctl_evtchn_notify n = { .port = s->local_port };
		if (ioctl(s->evtchn, IOCTL_EVTCHN_NOTIFY, &n))
			fprintf(stderr, "hvb-xen-iolat: notify: %s\n", strerror(errno));
		break;
	}
	case IOLAT_CALIBRATE:
		calibrate(s);
		break;
	case IOLAT_NOTHING:
		break;
	}
}

static void serve(struct iolat *s)
{
	struct pollfd pfd = { .fd = s->evtchn, .events = POLLIN };
	uint32_t ports[16];

	while (!expired(s)) {
		int n = poll(&pfd, 1, POLL_MS);
		uint64_t woke = counter();
		if (n <= 0)
			continue;
		ssize_t got = read(s->evtchn, ports, sizeof(ports));
		if (got < (ssize_t)sizeof(ports[0]))
			continue;
		for (ssize_t i = 0; i < got / (ssize_t)sizeof(ports[0]); i++) {
			if (ports[i] != s->local_port)
				continue;
			serve_event(s, woke);
			if (write(s->evtchn, &ports[i], sizeof(ports[i])) != sizeof(ports[i]))   /* unmask */
				fprintf(stderr, "hvb-xen-iolat: unmask: %s\n", strerror(errno));
		}
	}
}

static bool parse(const char *text, unsigned long max, unsigned long *out)
{
	char *end;
	errno = 0;
	*out = strtoul(text, &end, 10);
	return errno == 0 && end != text && *end == '\0' && *out >= 1 && *out <= max;
}

int main(int argc, char **argv)
{
	unsigned long domid, timeout;

	if (argc != 3 || !parse(argv[1], 0x7fef, &domid) || !parse(argv[2], 3600, &timeout)) {
		fprintf(stderr, "usage: hvb-xen-iolat DOMID TIMEOUT_S  (DOMID 1..32751, TIMEOUT_S 1..3600)\n");
		return 2;
	}
	struct iolat s = { .domid = (unsigned)domid, .deadline = time(NULL) + (time_t)timeout };
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	s.gntdev = open("/dev/xen/gntdev", O_RDWR | O_CLOEXEC);
	s.evtchn = open("/dev/xen/evtchn", O_RDWR | O_CLOEXEC);
	if (s.gntdev < 0 || s.evtchn < 0) {
		fprintf(stderr, "hvb-xen-iolat: /dev/xen/gntdev, /dev/xen/evtchn: %s (xen-gntdev, "
			"xen-evtchn loaded?)\n", strerror(errno));
		return 3;
	}
	int rc = attach(&s);
	if (rc == 0) {
		calibrate(&s);
		serve(&s);
	}
	unmap(&s);
	close(s.evtchn);
	close(s.gntdev);
	return rc < 0 ? 3 : 0;
}
