# 25 lists: a log-linear model tabulates all 2^k cells, so it is refused,
# with the methods that do take the table
args: tests/data/sim-25-lists.csv
exit: 1
