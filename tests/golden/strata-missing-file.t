# --by on a missing file
args: --by eth tests/data/no-such-file.csv
exit: 1
