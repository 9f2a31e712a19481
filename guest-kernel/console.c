/*
 * console.c - the selected console and whole-line output (see console.h).
 */
#include "console.h"
#include "arch.h"

/* The console chosen at boot: one of the kernel's few globals. */
static enum console_kind console_current = CONSOLE_UART;

bool console_kind_from_name(struct str name, enum console_kind *kind)
{
	if (str_eq(name, "uart"))
		*kind = CONSOLE_UART;
	else if (str_eq(name, "debugcon"))
		*kind = CONSOLE_DEBUGCON;
	else if (str_eq(name, "report"))
		*kind = CONSOLE_REPORT;
	else if (str_eq(name, "xen"))
		*kind = CONSOLE_XEN;
	else
		return false;
	return true;
}

void console_init(enum console_kind kind)
{
	console_current = kind;
	arch_console_init(kind);
}

void console_emit(const struct line *l)
{
	arch_console_write(console_current, l->text, l->len);
}

void console_log(const char *text)
{
	struct line l;

	line_init(&l);
	line_put(&l, text);
	console_emit(&l);
}
