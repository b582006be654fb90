# all units in one cell, two lists: no Chapman log-normal interval, a status
args: -m chapman -l A,B tests/data/edge-one-cell.csv
exit: 1
