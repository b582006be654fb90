# bad input bad-bom-only
tool: mse-check
args: tests/data/bad-bom-only.csv
exit: 1
