# history.gp - a benchmark's per-run medians (95% CI bars) in run order or
# tag order, one line per series; change points are dashed vertical lines
# labelled with the relative step (written by hvbench history as
# `set arrow` / `set label` lines in the inputs file).  Inputs:
#   datafile  one block per series "x median ci_low ci_high label"
#   nseries, titles[];  xlabel, ylabel, xmax;  outbase;  caption;  plotsdir

set xlabel xlabel noenhanced
set ylabel ylabel noenhanced
set xrange [0.5:xmax + 0.5]
set xtics nomirror noenhanced rotate by -45 scale 0
set ytics nomirror
set grid ytics lc rgb "#dddddd"
set border 3
set key noenhanced bottom right Left reverse box lc rgb "#999999" opaque
set offsets 0, 0, graph 0.15, graph 0.1

plot_cmd = 'plot for [i = 1:nseries] datafile index (i - 1) using 1:2:3:4:xtic(5) with yerrorlines title T(i) lc rgb C(i) dt DT(i) pt PT(i) ps 1.2 lw 2'
load plotsdir . "/render.gp"
