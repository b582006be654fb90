# all units in one cell (seen by every list): no MLE, a status
args: tests/data/edge-one-cell.csv
exit: 1
