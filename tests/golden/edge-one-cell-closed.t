# all units in one cell, Rcapture's models: a status, no NaN or inf
args: -m closed tests/data/edge-one-cell.csv
exit: 1
