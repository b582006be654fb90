# mse-counts: a year that is not digits
tool: mse-counts
args: tests/data/counts-bad-year.csv
exit: 1
