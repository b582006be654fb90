# mse-counts: unknown option
tool: mse-counts
args: --frobnicate data/kom-annual.csv
exit: 2
