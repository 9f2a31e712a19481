# render.gp - shared by hvbench's figure scripts (microbench, tlb, apps,
# history): Okabe-Ito colours (colour-blind safe) plus dash types, point
# types and fill patterns (readable in black and white), the caption line,
# and the output loop: outbase.pdf, .svg, .png and the cairolatex pair
# outbase-latex.tex + outbase-latex.pdf.
#
# Before `load`-ing it a script sets:
#   plot_cmd   the plot command as a string; it names series with T(i) and
#              styles them with C(i) (colour), P(i) (fill pattern),
#              DT(i) (dash type), PT(i) (point type)
# and the inputs file from hvbench gives outbase, caption, nseries,
# titles[1..nseries] (and ylabel / xlabel where used).

array okabe_ito[7] = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"]
array fill_patterns[8] = [3, 4, 5, 1, 6, 7, 2, 0]
C(i) = okabe_ito[(i - 1) % 7 + 1]
P(i) = fill_patterns[(i - 1) % 8 + 1]
DT(i) = (i - 1) % 5 + 1
PT(i) = word("7 5 9 11 13 4 6 8", (i - 1) % 8 + 1) + 0

# LaTeX escapes for the cairolatex output (text there is typeset by LaTeX).
tex_escape_chars = "_%&#$"
texify(s) = s
n_titles = exists("nseries") ? (nseries > 0 ? nseries : 1) : 1
array titles_tex[n_titles]
tex_in = ""
tex_out = ""
caption_tex = ""
do for [k = 1:n_titles] {
    tex_in = exists("titles") && k <= |titles| ? titles[k] : ""
    tex_out = ""
    do for [j = 1:strlen(tex_in)] {
        ch = tex_in[j:j]
        tex_out = tex_out . (strstrt(tex_escape_chars, ch) > 0 ? "\\" . ch : ch)
    }
    titles_tex[k] = tex_out
}
tex_out = ""
do for [j = 1:strlen(caption)] {
    ch = caption[j:j]
    tex_out = tex_out . (strstrt(tex_escape_chars, ch) > 0 ? "\\" . ch : ch)
}
caption_tex = tex_out
# a long caption (the software it names makes them long) is wrapped at its
# "; " and " | " into lines of about 130 characters (not in LaTeX, which
# wraps itself)
caption_shown = ""
cap_line = ""
cap_lines = 1
cap_rest = caption
while (strlen(cap_rest) > 0) {
    k = strstrt(cap_rest, "; ")
    kb = strstrt(cap_rest, " | ")
    w = 2
    if (kb > 0 && (k == 0 || kb < k)) { k = kb; w = 3 }
    seg = k > 0 ? cap_rest[1:k + w - 1] : cap_rest
    cap_rest = k > 0 ? cap_rest[k + w:strlen(cap_rest)] : ""
    if (strlen(cap_line) > 0 && strlen(cap_line) + strlen(seg) > 130) {
        caption_shown = caption_shown . cap_line . "\n"
        cap_lines = cap_lines + 1
        cap_line = ""
    }
    cap_line = cap_line . seg
}
caption_shown = caption_shown . cap_line
fmt = "png"
T(i) = fmt eq "tex" ? titles_tex[i] : titles[i]

set bmargin 6 + cap_lines
do for [fmt in "pdf svg png tex"] {
    if (fmt eq "pdf") { set terminal pdfcairo size 8in, 4.5in font "Sans,10" }
    if (fmt eq "svg") { set terminal svg size 960, 540 dynamic font "Sans,12" background rgb "white" }
    if (fmt eq "png") { set terminal pngcairo size 1280, 720 font "Sans,12" background rgb "white" }
    if (fmt eq "tex") { set terminal cairolatex pdf size 6in, 3.4in }
    set output (fmt eq "tex" ? outbase . "-latex.tex" : outbase . "." . fmt)
    if (fmt eq "tex") {
        set label 99 caption_tex at screen 0.5, screen 0.015 center noenhanced front
    } else {
        set label 99 caption_shown at screen 0.5, character cap_lines - 0.4 center noenhanced front
    }
    eval plot_cmd
    unset output
}
