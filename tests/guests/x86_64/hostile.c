/*
 * hostile.c - a test guest that attacks its hypervisor through every
 * channel a guest controls (docs/threat-model.md), then exits cleanly, so
 * a test can check that refhv (and hvbench reading its console) survived.
 *
 * The command line option mode= picks the attack:
 *   mmio      stores and loads of 1, 2, 4 and 8 bytes (some straddling a
 *             page) across the unbacked part of the 4 GiB identity map, a
 *             rep movsq out of MMIO, and 8-byte accesses to physical
 *             addresses far above RAM through a remapped page
 *   stringio  rep ins with counts of millions (the kvm_run data area holds
 *             one page) and rep outs with thousands, on the bench, UART,
 *             debugcon, exit and report ports, and a rep outsl of
 *             report-line addresses
 *   reports   bogus report-port writes (addresses outside RAM or straddling
 *             its end, lengths over HVB_REPORT_MAX, control bytes, wrong
 *             access sizes, reads) and malformed or oversized HVB records
 *             through the report port and the UART
 *   vmswitch  run under `refhv --vm-switch` (the partner is this guest too):
 *             garbage in every word of the shared page, including the
 *             magic, the clock offsets and the turn, between doorbells of
 *             several widths, reads, and a rep outsb on the doorbell port;
 *             without --vm-switch the doorbell is a no-op port
 *   all       mmio, stringio, reports (the default)
 *   triple    a triple fault (an empty IDT, then ud2): never returns
 *   loop      spin forever with interrupts off: never returns
 * Each attack that returns logs "hostile: NAME survived"; then the guest
 * exits with HVB_GUEST_EXIT_OK.
 */
#include "console.h"
#include "hvb-abi.h"
#include "kernel.h"
#include "kstring.h"
#include "line.h"
#include "x86_64/cpuid.h"
#include "x86_64/io.h"
#include "x86_64/paging.h"

#define MIB (1ull << 20)
#define MMIO_LIMIT 0xfec00000ull     /* IOAPIC, LAPIC, KVM's TSS above: left alone */
#define MMIO_STRIDE 0x00fff00bull    /* about 16 MiB, odd so widths and offsets vary */
#define FAR_WINDOW_VA 0xfd000000ull  /* a page remapped to far physical addresses */
#define STRING_BUFFER_GPA (32 * MIB) /* scratch RAM for string I/O, above the kernel */
#define STRING_BUFFER_MAX (16 * MIB)
/* rep outs exits once per element under some KVMs (nested kvm_pvm): fewer. */
#define STRING_OUT_MAX (8 * 1024)
#define UNASSIGNED_PORT 0x80

/* ---- helpers ------------------------------------------------------------- */

static void log_kv(const char *what, uint64_t value)
{
	struct line l;

	line_init(&l);
	line_put(&l, "hostile: ");
	line_put(&l, what);
	line_put_char(&l, ' ');
	line_put_hex(&l, value, 1);
	console_emit(&l);
}

static void survived(const char *attack)
{
	struct line l;

	line_init(&l);
	line_put(&l, "hostile: ");
	line_put(&l, attack);
	line_put(&l, " survived");
	console_emit(&l);
}

static void mmio_write(uint64_t addr, unsigned width, uint64_t value)
{
	switch (width) {
	case 1: *(volatile uint8_t *)(uintptr_t)addr = (uint8_t)value; break;
	case 2: *(volatile uint16_t *)(uintptr_t)addr = (uint16_t)value; break;
	case 4: *(volatile uint32_t *)(uintptr_t)addr = (uint32_t)value; break;
	default: *(volatile uint64_t *)(uintptr_t)addr = value; break;
	}
}

static uint64_t mmio_read(uint64_t addr, unsigned width)
{
	switch (width) {
	case 1: return *(volatile uint8_t *)(uintptr_t)addr;
	case 2: return *(volatile uint16_t *)(uintptr_t)addr;
	case 4: return *(volatile uint32_t *)(uintptr_t)addr;
	default: return *(volatile uint64_t *)(uintptr_t)addr;
	}
}

static void rep_outs(uint16_t port, const void *src, uint64_t count, unsigned size)
{
	switch (size) {
	case 1: __asm__ volatile("rep outsb" : "+S"(src), "+c"(count) : "d"(port) : "memory"); break;
	case 2: __asm__ volatile("rep outsw" : "+S"(src), "+c"(count) : "d"(port) : "memory"); break;
	default: __asm__ volatile("rep outsl" : "+S"(src), "+c"(count) : "d"(port) : "memory"); break;
	}
}

static void rep_ins(uint16_t port, void *dst, uint64_t count, unsigned size)
{
	switch (size) {
	case 1: __asm__ volatile("rep insb" : "+D"(dst), "+c"(count) : "d"(port) : "memory"); break;
	case 2: __asm__ volatile("rep insw" : "+D"(dst), "+c"(count) : "d"(port) : "memory"); break;
	default: __asm__ volatile("rep insl" : "+D"(dst), "+c"(count) : "d"(port) : "memory"); break;
	}
}

static void outw(uint16_t port, uint16_t value)
{
	__asm__ volatile("outw %0, %1" : : "a"(value), "Nd"(port) : "memory");
}

static uint32_t inl(uint16_t port)
{
	uint32_t value;

	__asm__ volatile("inl %1, %0" : "=a"(value) : "Nd"(port) : "memory");
	return value;
}

/* ---- mmio ------------------------------------------------------------------ */

/* Every width, at an odd stride, over [start, MMIO_LIMIT). */
static uint64_t sweep_mmio(uint64_t start)
{
	static const unsigned widths[] = { 1, 2, 4, 8 };
	uint64_t accesses = 0, sum = 0;

	for (uint64_t a = start; a + 8 <= MMIO_LIMIT; a += MMIO_STRIDE) {
		unsigned w = widths[(a >> 4) % 4];
		mmio_write(a, w, 0xdeadbeefcafef00dull ^ a);
		sum += mmio_read(a, 8 / w);
		accesses += 2;
	}
	/* Straddling a page, and the end of the bench device's range. */
	mmio_write((start | 0xfff) - 3, 8, 0x1122334455667788ull);
	sum += mmio_read((start | 0xfff) - 1, 4);
	mmio_write(HVB_MMIO_BENCH_USER + 0xffd, 8, ~0ull);
	sum += mmio_read(HVB_MMIO_BENCH_USER + 0xffe, 8);
	log_kv("mmio reads summed to", sum);
	return accesses + 4;
}

/* A string move out of MMIO into RAM: one exit per element. */
static void movs_from_mmio(void)
{
	uint64_t *dst = (uint64_t *)(uintptr_t)STRING_BUFFER_GPA;
	const void *src = (const void *)(uintptr_t)HVB_MMIO_BENCH_USER;
	uint64_t count = 64;

	__asm__ volatile("rep movsq" : "+S"(src), "+D"(dst), "+c"(count) : : "memory");
}

/* 8-byte accesses to physical addresses above RAM and up to MAXPHYADDR. */
static void far_physical(void)
{
	unsigned phys_bits = cpuid(0x80000000u, 0).eax >= 0x80000008u
				     ? (cpuid(0x80000008u, 0).eax & 0xff) : 36;
	if (phys_bits < 36 || phys_bits > 52)
		phys_bits = 36;
	const uint64_t targets[] = {
		1ull << 32, (1ull << 32) + 0xff8, 1ull << 35,
		(1ull << phys_bits) - PAGE_SIZE_4K,
	};
	for (unsigned i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
		uint64_t pa = targets[i] & ~(PAGE_SIZE_4K - 1);
		if (paging_map_4k(FAR_WINDOW_VA, pa, PTE_WRITE | PTE_PCD | PTE_PWT))
			return;
		paging_flush_page(FAR_WINDOW_VA);
		mmio_write(FAR_WINDOW_VA + (targets[i] & 0xff8), 8, pa);
		log_kv("far physical read", mmio_read(FAR_WINDOW_VA + (targets[i] & 0xff8), 8));
	}
}

static void attack_mmio(const struct guest_env *env)
{
	uint64_t start = env->ram_end ? (env->ram_end + PAGE_SIZE_2M - 1) & ~(PAGE_SIZE_2M - 1)
				      : 0xc0000000ull;
	if (start < 0xc0000000ull && env->ram_end == 0)
		start = 0xc0000000ull;
	log_kv("mmio accesses", sweep_mmio(start));
	if (env->ram_end >= STRING_BUFFER_GPA + MIB)
		movs_from_mmio();
	far_physical();
	survived("mmio");
}

/* ---- string I/O --------------------------------------------------------------- */

static struct hvb_report_line string_line __attribute__((aligned(8)));

static void attack_stringio(const struct guest_env *env)
{
	if (env->ram_end < STRING_BUFFER_GPA + 4 * MIB) {
		console_log("hostile: stringio skipped (too little RAM)");
		return;
	}
	uint64_t bytes = env->ram_end - STRING_BUFFER_GPA - MIB;
	if (bytes > STRING_BUFFER_MAX)
		bytes = STRING_BUFFER_MAX;
	uint8_t *buffer = (uint8_t *)(uintptr_t)STRING_BUFFER_GPA;
	log_kv("string I/O bytes per instruction", bytes);

	/* Huge counts: reads fill the buffer, writes send it. */
	rep_ins(UNASSIGNED_PORT, buffer, bytes, 1);
	rep_ins(HVB_PORT_DEBUGCON, buffer, bytes / 4, 4);
	rep_ins(HVB_PORT_EXIT, buffer, bytes / 4, 4);
	rep_ins(HVB_PORT_COM1 + 5, buffer, bytes, 1);
	rep_ins(HVB_PORT_REPORT, buffer, bytes / 2, 2);
	rep_outs(HVB_PORT_BENCH_USER, buffer, STRING_OUT_MAX / 2, 2);
	rep_outs(HVB_PORT_COM1 + 1, buffer, STRING_OUT_MAX, 1);  /* IER: ignored */
	rep_outs(HVB_PORT_REPORT, buffer, STRING_OUT_MAX, 1);    /* wrong size, refused */

	/* A few KiB of text through the UART's THR in one instruction. */
	memset(buffer, 'x', 4095);
	buffer[4095] = '\n';
	rep_outs(HVB_PORT_COM1, buffer, 4096, 1);

	/* rep outsl to the report port: 64 line addresses in one instruction. */
	static const char text[] = "hostile: one of 64 lines from one rep outsl";
	memcpy(string_line.text, text, sizeof(text) - 1);
	string_line.len = sizeof(text) - 1;
	uint32_t *gpas = (uint32_t *)buffer;
	for (unsigned i = 0; i < 64; i++)
		gpas[i] = (uint32_t)(uintptr_t)&string_line;
	rep_outs(HVB_PORT_REPORT, gpas, 64, 4);
	survived("stringio");
}

/* ---- reports ------------------------------------------------------------------ */

static struct hvb_report_line bogus __attribute__((aligned(8)));

static void send_report(uint64_t gpa)
{
	outl(HVB_PORT_REPORT, (uint32_t)gpa);
}

static void bogus_report_port(const struct guest_env *env)
{
	uint64_t line_size = sizeof(struct hvb_report_line);
	uint64_t self = (uint64_t)(uintptr_t)&bogus;

	/* Lengths: over the limit, far over it, every byte value, empty. */
	bogus.len = HVB_REPORT_MAX + 1;
	send_report(self);
	bogus.len = 0xffffffffu;
	send_report(self);
	for (unsigned i = 0; i < HVB_REPORT_MAX; i++)
		bogus.text[i] = (char)i;
	bogus.len = HVB_REPORT_MAX;
	send_report(self);
	bogus.len = 0;
	send_report(self);

	/* Addresses: outside RAM, straddling its end, MMIO, the boot area. */
	if (env->ram_end) {
		send_report(env->ram_end - 4);
		send_report(env->ram_end - line_size + 1);
		send_report(env->ram_end);
	}
	send_report(0xfffffffcu);
	send_report(HVB_MMIO_BENCH_USER);
	send_report(0x6000);

	/* Wrong access sizes and offsets, and reads. */
	outb(HVB_PORT_REPORT, 0x42);
	outw(HVB_PORT_REPORT, 0x4242);
	outl(HVB_PORT_REPORT + 2, (uint32_t)self);
	log_kv("report port read", inl(HVB_PORT_REPORT));
}

/* Malformed and oversized records, each line through the report port. */
static const char *const bad_records[] = {
	"HVB",
	"HVB ",
	"HVB nonsense a=b",
	"HVB hello proto=99 arch=x86_64 build=zz tick=tsc tick_hz=-1 cpus=0 hv=kvm vendor=amd boot=pvh",
	"HVB begin bench=cpuid variant=- unit=cycles",
	"HVB sample bench=cpuid variant=- unit=cycles kind=op batch=999999 iters=0 value=1e308",
	"HVB sample bench=cpuid bench=cpuid",
	"HVB sample bench=other variant=- unit=cycles kind=op batch=0 iters=1 value=1",
	"HVB end bench=cpuid variant=- status=maybe",
	"HVB done benches=4294967296",
	"HVB error msg=\x01\x02\x7f vector=0xzz rip=",
};

static void bogus_records_report_port(void)
{
	for (unsigned i = 0; i < sizeof(bad_records) / sizeof(bad_records[0]); i++) {
		size_t len = strlen(bad_records[i]);
		memcpy(bogus.text, bad_records[i], len);
		bogus.len = (uint32_t)len;
		send_report((uint64_t)(uintptr_t)&bogus);
	}
	/* A record of exactly HVB_REPORT_MAX bytes: "HVB sample " and padding. */
	memset(bogus.text, 'z', HVB_REPORT_MAX);
	memcpy(bogus.text, "HVB sample bench=", 17);
	bogus.len = HVB_REPORT_MAX;
	send_report((uint64_t)(uintptr_t)&bogus);
}

static void uart_put(uint8_t byte)
{
	outb(HVB_PORT_COM1, byte);
}

/* Raw bytes straight into the UART, bypassing the kernel's console. */
static void bogus_uart(void)
{
	/* Every byte value, NUL and '\r' included, then a newline. */
	for (unsigned b = 0; b < 256; b++)
		if (b != '\n')
			uart_put((uint8_t)b);
	uart_put('\n');
	/* A 5000-byte "record" without a newline until the end. */
	static const char head[] = "HVB sample bench=cpuid variant=- unit=cycles kind=op value=";
	for (unsigned i = 0; i < sizeof(head) - 1; i++)
		uart_put((uint8_t)head[i]);
	for (unsigned i = 0; i < 5000; i++)
		uart_put('9');
	uart_put('\n');
	/* Bytes written with DLAB set are the divisor, not output. */
	outb(HVB_PORT_COM1 + 3, 0x80);
	uart_put('!');
	outb(HVB_PORT_COM1 + 3, 0x03);
}

static void attack_reports(const struct guest_env *env)
{
	bogus_report_port(env);
	bogus_records_report_port();
	bogus_uart();
	survived("reports");
}

/* ---- the ones that never return --------------------------------------------------- */

_Noreturn static void triple_fault(void)
{
	static const struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) empty_idt = { 0, 0 };

	console_log("hostile: triple fault (empty IDT, then ud2)");
	__asm__ volatile("cli; lidt %0; ud2" : : "m"(empty_idt) : "memory");
	for (;;)
		__asm__ volatile("hlt");
}

_Noreturn static void endless_loop(void)
{
	console_log("hostile: spinning forever with interrupts off");
	__asm__ volatile("cli");
	for (;;)
		__asm__ volatile("pause");
}

/* ---- the vm-switch page and doorbell -------------------------------------------- */

#define VMSWITCH_ROUNDS 20    /* each doorbell may give the CPU away for up to 50 ms */

static void attack_vmswitch(const struct guest_env *env)
{
	if (paging_map_4k(HVB_VMSWITCH_PAGE, HVB_VMSWITCH_PAGE, PTE_WRITE) != 0) {
		console_log("hostile: vmswitch skipped (cannot map the page)");
		return;
	}
	volatile uint64_t *page = (volatile uint64_t *)(uintptr_t)HVB_VMSWITCH_PAGE;
	log_kv("vmswitch page magic", page[0]);
	for (uint64_t round = 0; round < VMSWITCH_ROUNDS; round++) {
		for (unsigned w = 0; w < 512; w++)
			page[w] = round * 0x9e3779b97f4a7c15ull + w * 0xffffffff00000001ull;
		outb(HVB_PORT_VMSWITCH, (uint8_t)round);
		outl(HVB_PORT_VMSWITCH, (uint32_t)round);
		(void)inb(HVB_PORT_VMSWITCH);
	}
	/* one exit for all of it, or one per byte where KVM exits per element */
	static uint8_t zeros[16];
	rep_outs(HVB_PORT_VMSWITCH, zeros, sizeof(zeros), 1);
	survived("vmswitch");
}

/* ---- mode table ------------------------------------------------------------------- */

static void attack_all(const struct guest_env *env)
{
	attack_mmio(env);
	attack_stringio(env);
	attack_reports(env);
}

static void attack_triple(const struct guest_env *env) { triple_fault(); }
static void attack_loop(const struct guest_env *env) { endless_loop(); }

static const struct {
	const char *name;
	void (*run)(const struct guest_env *env);
} modes[] = {
	{ "all", attack_all },
	{ "mmio", attack_mmio },
	{ "stringio", attack_stringio },
	{ "reports", attack_reports },
	{ "triple", attack_triple },
	{ "loop", attack_loop },
	{ "vmswitch", attack_vmswitch },
};

int guest_main(const struct guest_env *env)
{
	struct str mode = { "all", 3 };

	cmdline_find(&env->cmdline, "mode", &mode);
	for (unsigned i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		if (str_eq(mode, modes[i].name)) {
			modes[i].run(env);
			console_log("hostile: done");
			return HVB_GUEST_EXIT_OK;
		}
	}
	console_log("hostile: unknown mode= (all, mmio, stringio, reports, triple, loop, vmswitch)");
	return HVB_GUEST_EXIT_FAIL;
}
