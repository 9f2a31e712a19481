/*
 * commands.h - the hvbench subcommands main() dispatches to.  Each takes
 * argv with argv[0] = the command name and returns the exit status
 * (0 ok, 1 failure, 2 usage error).  `show` lives in cmd_show.h.
 */
#ifndef HVB_COMMANDS_H
#define HVB_COMMANDS_H

int hvb_cmd_run(int argc, char **argv);
int hvb_cmd_list(int argc, char **argv);
int hvb_cmd_env(int argc, char **argv);
int hvb_cmd_plot(int argc, char **argv);
int hvb_cmd_compare(int argc, char **argv);
int hvb_cmd_history(int argc, char **argv);
int hvb_cmd_export(int argc, char **argv);
int hvb_cmd_import(int argc, char **argv);
int hvb_cmd_report(int argc, char **argv);
int hvb_cmd_overhead(int argc, char **argv);
int hvb_cmd_testbed(int argc, char **argv);
int hvb_cmd_targets(int argc, char **argv);

#endif
