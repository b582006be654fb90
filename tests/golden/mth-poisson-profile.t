# hare Mth Poisson2 profile (mse-fit(1) example; Rcapture 80.1 [71.8, 93.8])
args: -m Mth-poisson -c profile data/hare.csv
exit: 0
