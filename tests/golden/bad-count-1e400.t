# bad input: count 1e400, past a double
args: tests/data/bad-count-1e400.csv
exit: 1
