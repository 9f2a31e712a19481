# apps.gp - application benchmarks normalised to native: one cluster per
# app, one bar per virtualized configuration, 1.0 = native (dashed line).
# Inputs (from hvbench plot):
#   datafile  "app ratio ratio ...", "?" = missing;  ylabel
#   nseries, titles[];  logy (1: log y axis);  outbase;  caption;  plotsdir

set datafile missing "?"
set style data histograms
set style histogram clustered gap 1.5
set boxwidth 0.9
set yrange [0:1.15<*]   # always show the 1.0 (native) line
# emulated configurations run at a few thousandths of native: a log axis
if (exists("logy") && logy) { set logscale y; set yrange [*:1.5<*] }
set ylabel ylabel noenhanced
set xlabel "application" noenhanced
set xtics nomirror noenhanced scale 0
set ytics nomirror
set grid ytics lc rgb "#dddddd"
set border 3
set key noenhanced top left Left reverse box lc rgb "#999999" opaque
set offsets 0, 0, graph 0.2, 0
set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead dt 2 lw 1.5 lc rgb "#000000" front

plot_cmd = 'plot for [i = 1:nseries] datafile using (column(i + 1)):xtic(1) title T(i) lc rgb C(i) fs pattern P(i) border lc rgb "#333333"'
load plotsdir . "/render.gp"
