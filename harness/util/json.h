/*
 * json.h - the little JSON writing hvbench needs: escaped strings and
 * numbers that stay valid JSON (NaN and infinities become null).
 */
#ifndef HVB_JSON_H
#define HVB_JSON_H

#include <stdio.h>

/* Writes text as a quoted JSON string; NULL as null. */
void json_string(FILE *out, const char *text);
/* Writes a number with up to 15 significant digits; NaN/inf as null. */
void json_number(FILE *out, double value);

#endif
