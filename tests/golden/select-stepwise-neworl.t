# stepwise on NewOrl picks D:E, N 1183.7 (issue #3)
args: -f csv -D 10 -s stepwise data/NewOrl.csv
exit: 0
