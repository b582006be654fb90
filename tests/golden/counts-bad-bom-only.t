# mse-counts: a file holding only a byte-order mark
tool: mse-counts
args: tests/data/bad-bom-only.csv
exit: 1
