/*
 * errmsg.h - the error convention of functions that take a message buffer
 * (char *err, size_t errlen): write the formatted reason there, return -1.
 */
#ifndef HVB_ERRMSG_H
#define HVB_ERRMSG_H

#include <stddef.h>

/* vsnprintf into err (when err and errlen), then return -1. */
int errmsg_fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
