# a missing file: exit 1, empty stdout
tool: mse-check
args: tests/data/no-such-file.csv
exit: 1
