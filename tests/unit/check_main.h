/*
 * check_main.h - the one way every unit test program ends: run its Check
 * suite (CK_VERBOSITY in the environment picks the detail; tests/run-all.sh
 * reads the "N%: Checks: ..." summary line) and exit non-zero on failure.
 */
#ifndef HVB_CHECK_MAIN_H
#define HVB_CHECK_MAIN_H

#include <check.h>
#include <stdlib.h>

static inline int check_run(Suite *suite)
{
	SRunner *runner = srunner_create(suite);
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
