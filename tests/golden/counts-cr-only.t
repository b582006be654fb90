# mse-counts: CR-only line ends are read
tool: mse-counts
args: tests/data/good-counts-cr-only.csv
exit: 0
