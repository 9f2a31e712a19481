/*
 * kvm.c - open /dev/kvm and make sure it is a KVM refhv can drive.
 */
#include "kvm.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "log.h"

/* Capabilities without which refhv cannot work at all. */
static const struct {
	long cap;
	const char *name;
} required_caps[] = {
	{ KVM_CAP_USER_MEMORY, "KVM_CAP_USER_MEMORY" },
	{ KVM_CAP_IMMEDIATE_EXIT, "KVM_CAP_IMMEDIATE_EXIT" },
#ifdef __x86_64__
	{ KVM_CAP_IRQCHIP, "KVM_CAP_IRQCHIP" },
	{ KVM_CAP_EXT_CPUID, "KVM_CAP_EXT_CPUID" },
#endif
#ifdef __aarch64__
	{ KVM_CAP_ONE_REG, "KVM_CAP_ONE_REG" },
	{ KVM_CAP_DEVICE_CTRL, "KVM_CAP_DEVICE_CTRL" },
	{ KVM_CAP_ARM_PSCI_0_2, "KVM_CAP_ARM_PSCI_0_2" },
#endif
};

int kvm_has_cap(int fd, long cap)
{
	return ioctl(fd, KVM_CHECK_EXTENSION, cap);
}

int kvm_open(void)
{
	int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		refhv_err("cannot open /dev/kvm: %s", strerror(errno));
		return -1;
	}
	int version = ioctl(fd, KVM_GET_API_VERSION, 0);
	if (version != KVM_API_VERSION) {
		refhv_err("/dev/kvm has API version %d, refhv needs %d", version, KVM_API_VERSION);
		close(fd);
		return -1;
	}
	for (size_t i = 0; i < sizeof(required_caps) / sizeof(required_caps[0]); i++) {
		if (kvm_has_cap(fd, required_caps[i].cap) <= 0) {
			refhv_err("KVM lacks %s", required_caps[i].name);
			close(fd);
			return -1;
		}
	}
	return fd;
}

size_t kvm_vcpu_run_size(int kvm_fd)
{
	int size = ioctl(kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (size < (int)sizeof(struct kvm_run)) {
		refhv_err("KVM_GET_VCPU_MMAP_SIZE: %s", size < 0 ? strerror(errno) : "too small");
		return 0;
	}
	return (size_t)size;
}
