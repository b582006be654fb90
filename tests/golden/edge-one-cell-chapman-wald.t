# all units in one cell, two lists, Wald interval: N = n = 250, se 0 (closed form)
args: -m chapman -l A,B -c wald tests/data/edge-one-cell.csv
exit: 0
