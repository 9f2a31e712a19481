/*
 * net.c - request-response latency and streaming throughput between two
 * machines over TCP, in the spirit of netperf TCP_RR and TCP_STREAM:
 *   appb net-serve PORT               the server (forks per connection)
 *   appb net-rr HOST PORT SECONDS     1-byte ping-pong: mean us per transaction
 *   appb net-stream HOST PORT SECONDS 64 KiB writes: MB/s the server received
 * A connection starts with one byte naming its mode ('R' or 'S'); a stream
 * ends with the client's shutdown and the server's 8-byte byte count, so
 * data still in flight is inside the measured time.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "appb.h"

#define STREAM_CHUNK (64 * 1024)
#define CLOCK_EVERY 64   /* transactions between clock reads */

static void serve_rr(int fd)
{
	char byte;
	while (appb_read_all(fd, &byte, 1) == 0)
		if (appb_write_all(fd, &byte, 1) != 0)
			break;
}

static void serve_stream(int fd)
{
	static char buf[STREAM_CHUNK];
	uint64_t total = 0;
	ssize_t n;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		total += (uint64_t)n;
	appb_write_all(fd, &total, sizeof(total));
}

int appb_net_serve(int argc, char **argv)
{
	long port;
	if (argc != 2 || (port = appb_number(argv[1])) < 0 || port > 65535)
		return appb_fail("net-serve", "usage: PORT", 0);
	int listener = appb_listen((int)port);
	if (listener < 0)
		return appb_fail("net-serve", "listen", 1);
	signal(SIGCHLD, SIG_IGN);   /* no zombies */
	signal(SIGPIPE, SIG_IGN);
	for (;;) {
		int fd = accept(listener, NULL, NULL);
		if (fd < 0)
			continue;
		if (fork() == 0) {
			close(listener);
			char mode = 0;
			if (appb_read_all(fd, &mode, 1) == 0)
				(mode == 'R' ? serve_rr : serve_stream)(fd);
			_exit(0);
		}
		close(fd);
	}
}

/* Connects and sends the mode byte; -1 on failure (message printed). */
static int open_session(const char *who, const char *host, const char *port_text, char mode)
{
	long port = appb_number(port_text);
	int fd = port > 0 && port <= 65535 ? appb_connect(host, (int)port) : -1;
	if (fd < 0 || appb_write_all(fd, &mode, 1) != 0) {
		appb_fail(who, "cannot connect", 1);
		return -1;
	}
	return fd;
}

int appb_net_rr(int argc, char **argv)
{
	long seconds;
	if (argc != 4 || (seconds = appb_number(argv[3])) < 0)
		return appb_fail("net-rr", "usage: HOST PORT SECONDS", 0);
	int fd = open_session("net-rr", argv[1], argv[2], 'R');
	if (fd < 0)
		return 1;
	char byte = 'x';
	uint64_t transactions = 0;
	double begin = appb_now(), elapsed = 0;
	while (elapsed < (double)seconds) {
		for (int i = 0; i < CLOCK_EVERY; i++, transactions++)
			if (appb_write_all(fd, &byte, 1) != 0 || appb_read_all(fd, &byte, 1) != 0)
				return appb_fail("net-rr", "connection lost", 0);
		elapsed = appb_now() - begin;
	}
	close(fd);
	appb_result("app-tcp-rr", "us", "lower", elapsed / (double)transactions * 1e6);
	return 0;
}

int appb_net_stream(int argc, char **argv)
{
	static char buf[STREAM_CHUNK];
	long seconds;
	if (argc != 4 || (seconds = appb_number(argv[3])) < 0)
		return appb_fail("net-stream", "usage: HOST PORT SECONDS", 0);
	signal(SIGPIPE, SIG_IGN);
	int fd = open_session("net-stream", argv[1], argv[2], 'S');
	if (fd < 0)
		return 1;
	memset(buf, 'x', sizeof(buf));
	uint64_t sent = 0, received = 0;
	double begin = appb_now();
	while (appb_now() - begin < (double)seconds) {
		if (appb_write_all(fd, buf, sizeof(buf)) != 0)
			return appb_fail("net-stream", "connection lost", 0);
		sent += sizeof(buf);
	}
	shutdown(fd, SHUT_WR);
	if (appb_read_all(fd, &received, sizeof(received)) != 0 || received != sent)
		return appb_fail("net-stream", "the server did not confirm every byte", 0);
	double elapsed = appb_now() - begin;
	close(fd);
	appb_result("app-tcp-stream", "MB/s", "higher", (double)sent / elapsed / 1e6);
	return 0;
}
