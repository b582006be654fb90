# all units on one list: not identifiable, a status
args: tests/data/edge-one-list.csv
exit: 1
