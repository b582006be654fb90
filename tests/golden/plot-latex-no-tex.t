# mse-plot: a LaTeX terminal needs -o NAME.tex
tool: mse-plot
args: -k trend -t cairolatex tests/data/estimates-trend.csv
exit: 2
