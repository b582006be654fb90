# stepwise on Ned_5 adds K:R at -inf (SparseMSE's stepwisefit)
args: -f csv -D 10 -s stepwise data/Ned_5.csv
exit: 0
