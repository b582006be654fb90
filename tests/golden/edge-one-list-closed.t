# all units on one list, Rcapture's models: a status
args: -m closed -f json tests/data/edge-one-list.csv
exit: 1
