/*
 * html_out.h - writing a self-contained HTML page: escaped text and files
 * embedded as base64 data URIs (no external reference of any kind).
 */
#ifndef HVB_HTML_OUT_H
#define HVB_HTML_OUT_H

#include <stdio.h>

/* Text with & < > " ' escaped; NULL writes nothing. */
void html_text(FILE *out, const char *text);

/* <img alt=ALT src="data:MIME;base64,..."> of the file's bytes; returns 0,
 * or -1 (nothing written) when the file cannot be read. */
int html_embed_image(FILE *out, const char *path, const char *mime, const char *alt);

#endif
