# bad input: CR-only line ends, located on the right line
args: tests/data/bad-cr-only.csv
exit: 1
