/*
 * log.h - refhv's own messages.
 *
 * The guest's console owns stdout; everything refhv says goes to stderr,
 * one line at a time, prefixed "refhv: " so a reader (or the harness) can
 * tell the two apart.
 */
#ifndef REFHV_LOG_H
#define REFHV_LOG_H

__attribute__((format(printf, 1, 2)))
void refhv_err(const char *fmt, ...);

#endif
