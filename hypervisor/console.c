/*
 * console.c - line-buffered guest console output on stdout.
 */
#include "console.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

/* write() all of it; give up silently if stdout is gone. */
static void write_all(const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(STDOUT_FILENO, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		p += n;
		len -= (size_t)n;
	}
}

void console_flush(struct console_line *line)
{
	write_all(line->buf, line->len);
	line->len = 0;
}

void console_putc(struct console_line *line, char c)
{
	if (c == '\r')
		return;
	line->buf[line->len++] = c;
	if (c == '\n' || line->len == sizeof(line->buf))
		console_flush(line);
}

void console_put_line(struct console_line *line, const char *text, size_t len)
{
	if (line->len)
		console_putc(line, '\n');
	if (len > sizeof(line->buf) - 1)
		len = sizeof(line->buf) - 1;
	memcpy(line->buf, text, len);
	line->buf[len] = '\n';
	line->len = len + 1;
	console_flush(line);
}
