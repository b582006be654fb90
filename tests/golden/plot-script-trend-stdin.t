# mse-plot: trend from stdin, error bars, SVG size
tool: mse-plot
args: -k trend --script --bars -S 640,400 -o trend.svg -T 'Estimated and identified' -
exit: 0
stdin: tests/data/estimates-trend.csv
