/*
 * html_out.c - HTML escaping and base64 data-URI images.
 */
#include "util/html_out.h"

#include <stdlib.h>

void html_text(FILE *out, const char *text)
{
	for (const char *c = text ? text : ""; *c; c++) {
		switch (*c) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: fputc(*c, out);
		}
	}
}

static void base64(FILE *out, const unsigned char *bytes, size_t n)
{
	static const char alphabet[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	for (size_t i = 0; i < n; i += 3) {
		unsigned long chunk = (unsigned long)bytes[i] << 16;
		if (i + 1 < n)
			chunk |= (unsigned long)bytes[i + 1] << 8;
		if (i + 2 < n)
			chunk |= bytes[i + 2];
		fputc(alphabet[(chunk >> 18) & 63], out);
		fputc(alphabet[(chunk >> 12) & 63], out);
		fputc(i + 1 < n ? alphabet[(chunk >> 6) & 63] : '=', out);
		fputc(i + 2 < n ? alphabet[chunk & 63] : '=', out);
	}
}

int html_embed_image(FILE *out, const char *path, const char *mime, const char *alt)
{
	FILE *in = fopen(path, "rb");
	if (!in)
		return -1;
	unsigned char *bytes = NULL;
	size_t n = 0, cap = 0, got;
	unsigned char buf[65536];
	while ((got = fread(buf, 1, sizeof(buf), in)) > 0) {
		if (n + got > cap) {
			cap = (n + got) * 2;
			unsigned char *grown = realloc(bytes, cap);
			if (!grown) {
				free(bytes);
				fclose(in);
				return -1;
			}
			bytes = grown;
		}
		for (size_t i = 0; i < got; i++)
			bytes[n + i] = buf[i];
		n += got;
	}
	fclose(in);
	fputs("<img alt=\"", out);
	html_text(out, alt);
	fprintf(out, "\" src=\"data:%s;base64,", mime);
	base64(out, bytes, n);
	fputs("\">", out);
	free(bytes);
	return 0;
}
