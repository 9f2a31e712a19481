/*
 * cmd_show.h - `hvbench show [--db FILE] [RUN|latest]`: print one stored
 * run (header, environment highlights, per-benchmark summary table).
 */
#ifndef HVB_CMD_SHOW_H
#define HVB_CMD_SHOW_H

/* argv[0] is "show" (or anything); returns the process exit status:
 * 0 shown, 1 no such run / store error, 2 usage error. */
int hvb_cmd_show(int argc, char **argv);

#endif
