/*
 * pin_auto.c - choose host CPUs for `--pin auto` from the hwloc topology
 * (see pin_auto.h for the rule).
 */
#include "host/pin_auto.h"

#include <hwloc.h>
#include <stdio.h>

int pin_auto_choose(unsigned vcpus, int *cpus, size_t max, char *text, size_t text_size,
		    char *why, size_t why_size)
{
	hwloc_topology_t topology;
	if (vcpus == 0 || vcpus > max) {
		snprintf(why, why_size, "cannot pin %u vCPUs", vcpus);
		return -1;
	}
	if (hwloc_topology_init(&topology) != 0 || hwloc_topology_load(topology) != 0) {
		snprintf(why, why_size, "hwloc cannot read the topology");
		return -1;
	}
	int cores = hwloc_get_nbobjs_by_type(topology, HWLOC_OBJ_CORE);
	if (cores < (int)vcpus) {
		snprintf(why, why_size, "%u vCPUs but only %d cores: pin by hand with --pin", vcpus,
			 cores);
		hwloc_topology_destroy(topology);
		return -1;
	}
	size_t used = 0;
	text[0] = '\0';
	for (unsigned i = 0; i < vcpus; i++) {
		/* Last core first; its first PU (the others are SMT siblings). */
		hwloc_obj_t core = hwloc_get_obj_by_type(topology, HWLOC_OBJ_CORE,
							 (unsigned)cores - 1 - i);
		hwloc_obj_t pu = core ? hwloc_get_obj_inside_cpuset_by_type(topology, core->cpuset,
									    HWLOC_OBJ_PU, 0) : NULL;
		if (!pu) {
			snprintf(why, why_size, "hwloc: core %u has no processing unit", cores - 1 - i);
			hwloc_topology_destroy(topology);
			return -1;
		}
		cpus[i] = (int)pu->os_index;
		int wrote = snprintf(text + used, text_size - used, "%s%d", i ? "," : "", cpus[i]);
		if (wrote < 0 || (size_t)wrote >= text_size - used) {
			snprintf(why, why_size, "CPU list too long");
			hwloc_topology_destroy(topology);
			return -1;
		}
		used += (size_t)wrote;
	}
	hwloc_topology_destroy(topology);
	return 0;
}
