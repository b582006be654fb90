# mse-plot posterior: --level 1.5 is not between 0 and 1 (exit 2)
tool: mse-plot
args: -k posterior --level 1.5 --script tests/data/plot-draws-norsk.csv
exit: 2
