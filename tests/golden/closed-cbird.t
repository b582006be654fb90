# cbird, t = 11 (mse-data(5) example; Rcapture M0 20.3)
args: -m closed -t 11 data/nbcap/cbird.csv
exit: 0
