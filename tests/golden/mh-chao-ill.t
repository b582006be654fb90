# ill, t = inf, Mh Chao (mse-fit(1) example; Rcapture 9273.5)
args: -m Mh-chao -t inf data/nbcap/ill.csv
exit: 0
