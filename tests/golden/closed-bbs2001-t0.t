# BBS2001 t = 50, t0 = 20 (mse-fit(1) example; Rcapture M0 71.0593)
args: -m closed -t 50 --t0 20 data/nbcap/BBS2001.csv
exit: 0
