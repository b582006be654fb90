# mse-import: a file holding only a byte-order mark
tool: mse-import
args: tests/data/bad-bom-only.csv
exit: 1
