# tlb.gp - TLB reach curves: cycles per access against the working set
# (log x, log y), one line per guest page size x host backing and per
# native page size, p25-p75 error bars.  Inputs (from hvbench plot):
#   datafile  one block per series "bytes median p25 p75";  ylabel
#   nseries, titles[];  outbase;  caption;  plotsdir

set logscale x 2
set logscale y 10
set format y "%.0s%c"
set format x "%.0b%BB"
set xlabel "working set (bytes, log scale)" noenhanced
set ylabel ylabel noenhanced
set grid xtics ytics lc rgb "#dddddd"
set border 3
set xtics nomirror
set ytics nomirror
set key noenhanced outside right top vertical Left reverse box lc rgb "#999999" font ",10"
set offsets graph 0.02, graph 0.02, 0, 0

plot_cmd = 'plot for [i = 1:nseries] datafile index (i - 1) using 1:2:3:4 with yerrorlines title T(i) lc rgb C(i) dt DT(i) pt PT(i) ps 1.2 lw 2'
load plotsdir . "/render.gp"
