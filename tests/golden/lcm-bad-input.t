# lcm on a malformed table
args: -m lcm tests/data/bad-count-negative.csv
exit: 1
