/*
 * xen-console.h - Xen's PV console for an unprivileged domain ("console=xen").
 *
 * The ring that xenconsoled (and `xl console`) reads: a shared page and an
 * event channel whose numbers Xen keeps in the domain's HVM parameters.
 */
#ifndef X86_XEN_CONSOLE_H
#define X86_XEN_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

/* Find the ring (once); false when not under Xen or the domain has none. */
bool xen_console_open(void);

/*
 * Put one line and a newline on the ring and notify the back end; false
 * (nothing written) when the console is not open.
 */
bool xen_console_write(const char *text, size_t len);

#endif
