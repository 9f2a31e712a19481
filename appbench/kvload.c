/*
 * kvload.c - `appb kvload HOST PORT SECONDS CONNECTIONS`: a small
 * memcached load generator (memtier_benchmark is not in Debian 12).
 * Stores KEYS keys of VALUE_BYTES bytes, then keeps CONNECTIONS
 * connections busy, one request in flight each, 9 gets to 1 set (text
 * protocol), for SECONDS.  Result: completed requests per second (unit
 * ops/s, higher is better).  Every reply is checked.
 */
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "appb.h"

#define KEYS 1000
#define VALUE_BYTES 100
#define MAX_CONNECTIONS 64
#define REPLY_MAX 512

struct kv_conn {
	int fd;
	unsigned long sent;      /* requests sent on this connection */
	char reply[REPLY_MAX];
	size_t have;
	const char *expect_end;  /* "END\r\n" or "STORED\r\n" */
};

static char value[VALUE_BYTES + 1];

/* Sends the connection's next request (every 10th a set). */
static int send_request(struct kv_conn *c, unsigned long key)
{
	char request[256];
	int len;
	if (c->sent % 10 == 9) {
		len = snprintf(request, sizeof(request), "set key:%lu 0 0 %d\r\n%s\r\n", key % KEYS,
			       VALUE_BYTES, value);
		c->expect_end = "STORED\r\n";
	} else {
		len = snprintf(request, sizeof(request), "get key:%lu\r\n", key % KEYS);
		c->expect_end = "END\r\n";
	}
	c->sent++;
	c->have = 0;
	return appb_write_all(c->fd, request, (size_t)len);
}

/* Reads what arrived; 1 when the reply is complete, 0 not yet, -1 error. */
static int read_reply(struct kv_conn *c)
{
	ssize_t n = read(c->fd, c->reply + c->have, sizeof(c->reply) - 1 - c->have);
	if (n <= 0)
		return -1;
	c->have += (size_t)n;
	c->reply[c->have] = 0;
	size_t end = strlen(c->expect_end);
	if (c->have >= end && strcmp(c->reply + c->have - end, c->expect_end) == 0) {
		if (strcmp(c->expect_end, "END\r\n") == 0 && strncmp(c->reply, "VALUE ", 6) != 0)
			return -1;   /* a miss: the keys were all stored */
		return 1;
	}
	return c->have + 1 >= sizeof(c->reply) ? -1 : 0;
}

/* One connection that stores every key first. */
static int preload(struct kv_conn *c)
{
	for (unsigned long k = 0; k < KEYS; k++) {
		c->sent = 9;   /* make send_request choose a set */
		if (send_request(c, k) != 0)
			return -1;
		int r;
		while ((r = read_reply(c)) == 0)
			;
		if (r < 0)
			return -1;
	}
	return 0;
}

int appb_kvload(int argc, char **argv)
{
	long port, seconds, count;
	if (argc != 5 || (port = appb_number(argv[2])) < 0 || (seconds = appb_number(argv[3])) < 0 ||
	    (count = appb_number(argv[4])) < 0 || count > MAX_CONNECTIONS)
		return appb_fail("kvload", "usage: HOST PORT SECONDS CONNECTIONS(<=64)", 0);
	memset(value, 'v', VALUE_BYTES);
	struct kv_conn conns[MAX_CONNECTIONS] = { 0 };
	struct pollfd fds[MAX_CONNECTIONS];
	for (long i = 0; i < count; i++) {
		conns[i].fd = appb_connect(argv[1], (int)port);
		if (conns[i].fd < 0)
			return appb_fail("kvload", "cannot connect", 1);
		fds[i] = (struct pollfd){ .fd = conns[i].fd, .events = POLLIN };
	}
	if (preload(&conns[0]) != 0)
		return appb_fail("kvload", "storing the keys failed", 0);
	unsigned long key = 0, done = 0;
	for (long i = 0; i < count; i++) {
		conns[i].sent = 0;
		if (send_request(&conns[i], key++ * 7919) != 0)
			return appb_fail("kvload", "send", 1);
	}
	double begin = appb_now(), elapsed = 0;
	while (elapsed < (double)seconds) {
		if (poll(fds, (nfds_t)count, 1000) < 0)
			return appb_fail("kvload", "poll", 1);
		for (long i = 0; i < count; i++) {
			if (!(fds[i].revents & (POLLIN | POLLERR | POLLHUP)))
				continue;
			int r = read_reply(&conns[i]);
			if (r < 0)
				return appb_fail("kvload", "bad or missing reply", 0);
			if (r == 1) {
				done++;
				if (send_request(&conns[i], key++ * 7919) != 0)
					return appb_fail("kvload", "send", 1);
			}
		}
		elapsed = appb_now() - begin;
	}
	for (long i = 0; i < count; i++)
		close(conns[i].fd);
	appb_result("app-memcached", "ops/s", "higher", (double)done / elapsed);
	return 0;
}
