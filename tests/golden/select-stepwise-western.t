# stepwise picks A:E, N 2483.384 (SparseMSE; issue #3)
args: -f csv -D 10 -s stepwise data/Western.csv
exit: 0
