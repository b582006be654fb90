# mse-plot: --fit goes with -k bootstrap only (exit 2)
tool: mse-plot
args: -k posterior --fit tests/data/plot-fit-norsk.csv --script tests/data/plot-draws-norsk.csv
exit: 2
