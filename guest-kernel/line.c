/*
 * line.c - console line assembly (see line.h).
 */
#include "line.h"
#include "kstring.h"

void line_init(struct line *l)
{
	l->len = 0;
}

void line_put_char(struct line *l, char c)
{
	if (l->len < sizeof(l->text))
		l->text[l->len++] = c;
}

void line_put_n(struct line *l, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		line_put_char(l, s[i]);
}

void line_put(struct line *l, const char *s)
{
	line_put_n(l, s, strlen(s));
}

void line_put_u64(struct line *l, uint64_t v)
{
	char digits[20];
	unsigned n = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (n > 0)
		line_put_char(l, digits[--n]);
}

void line_put_hex(struct line *l, uint64_t v, unsigned min_digits)
{
	static const char hex[] = "0123456789abcdef";
	unsigned n = 16;

	/* find the most significant non-zero nibble, but keep min_digits */
	while (n > 1 && n > min_digits && ((v >> (4 * (n - 1))) & 0xf) == 0)
		n--;
	line_put(l, "0x");
	while (n > 0) {
		n--;
		line_put_char(l, hex[(v >> (4 * n)) & 0xf]);
	}
}

void line_put_milli(struct line *l, uint64_t milli)
{
	uint64_t frac = milli % 1000;

	line_put_u64(l, milli / 1000);
	line_put_char(l, '.');
	line_put_char(l, (char)('0' + frac / 100));
	line_put_char(l, (char)('0' + frac / 10 % 10));
	line_put_char(l, (char)('0' + frac % 10));
}

void line_put_kv(struct line *l, const char *key, const char *value)
{
	line_put_char(l, ' ');
	line_put(l, key);
	line_put_char(l, '=');
	line_put(l, value);
}

void line_put_kv_u64(struct line *l, const char *key, uint64_t value)
{
	line_put_char(l, ' ');
	line_put(l, key);
	line_put_char(l, '=');
	line_put_u64(l, value);
}
