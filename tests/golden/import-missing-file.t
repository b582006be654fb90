# mse-import missing file
tool: mse-import
args: tests/data/no-such-file.csv
exit: 1
