# bars.gp - hvbench's grouped bar chart of one guest architecture's
# microbenchmarks: one cluster per benchmark, one bar per backend (median),
# p25-p75 error bars, log y axis, labels slanted so none overlap; the canvas
# widens with the number of clusters.  Written to outbase.pdf, .svg, .png.
#
# `hvbench plot` writes the inputs into a small file loaded first:
#   datafile  rows "label median p25 p75 median p25 p75 ...", "?" = missing
#   outbase   output path without extension
#   ylabel    y axis label;  caption  host / runs line under the plot
#   title     the figure's title;  ngroups  number of clusters
#   nseries   number of backends;  titles[1..nseries]  their legend names
# Colours: Okabe-Ito (colour-blind safe), with distinct fill patterns too.

array colors[7] = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]

set datafile missing "?"
set style data histograms
set style histogram errorbars gap 1.5 linewidth 1.5
set style fill solid 0.75 border rgb "#333333"
set boxwidth 0.9
set logscale y 10
set format y "10^{%L}"
set mytics 10
set grid ytics mytics lc rgb "#dddddd" lw 1, lc rgb "#f0f0f0" lw 1
set ylabel ylabel noenhanced
set xtics nomirror noenhanced scale 0 rotate by 35 right
set ytics nomirror
set border 3
set key noenhanced outside top center horizontal Left reverse samplen 2 spacing 1.1 box lc rgb "#999999"
set title title noenhanced
set offsets 0, 0, graph 0.1, 0
set bmargin 9
set label 1 caption at screen 0.5, screen 0.025 center noenhanced font ",8"

# about 0.55 in (pdf) / 70 px per cluster, never narrower than a page column
width_in = ngroups * (0.25 + 0.15 * nseries) + 1.5
width_in = width_in < 7 ? 7 : width_in

bar(i) = sprintf("%s", colors[(i - 1) % 7 + 1])

do for [fmt in "pdf svg png"] {
    if (fmt eq "pdf") { set terminal pdfcairo size width_in * 1in, 5in font "Sans,10" }
    if (fmt eq "svg") { set terminal svg size width_in * 120, 600 dynamic font "Sans,12" background rgb "white" }
    if (fmt eq "png") { set terminal pngcairo size width_in * 150, 750 font "Sans,13" background rgb "white" }
    set output outbase . "." . fmt
    plot for [i = 1:nseries] datafile using (column(3*i - 1)):(column(3*i)):(column(3*i + 1)):xtic(1) \
         title titles[i] lc rgb bar(i)
    unset output
}
