# lists that never overlap: no MLE, a status
args: tests/data/good-one-each.csv
exit: 1
