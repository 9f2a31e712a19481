# microbench.gp - the four-way microbenchmark chart: one cluster per
# benchmark, one bar per arch x hypervisor column (x86-64 KVM, x86-64 Xen,
# arm64 KVM, arm64 Xen, ... whatever the database holds), median with
# p25-p75 error bars on a log axis.  Inputs (from hvbench plot):
#   datafile  "label m lo hi m lo hi ...", "?" = missing;  ylabel
#   nseries, titles[];  outbase;  caption;  plotsdir

set datafile missing "?"
set style data histograms
set style histogram errorbars gap 1.5 linewidth 1.2
set boxwidth 0.9
set logscale y 10
set format y "%.0s%c"
set mytics 10
set grid ytics lc rgb "#dddddd" lw 1
set ylabel ylabel noenhanced
set xlabel "benchmark" noenhanced
set xtics nomirror noenhanced scale 0 rotate by -20
set ytics nomirror
set border 3
set key noenhanced top left horizontal Left reverse samplen 2 spacing 1.1 box lc rgb "#999999" opaque maxrows 2
set offsets 0, 0, graph 0.25, 0

plot_cmd = 'plot for [i = 1:nseries] datafile using (column(3*i - 1)):(column(3*i)):(column(3*i + 1)):xtic(1) title T(i) lc rgb C(i) fs pattern P(i) border lc rgb "#333333"'
load plotsdir . "/render.gp"
