# BIC over all 113 models of order 3: N 10356.52 (MSE 1.2; issue #3)
args: -f csv -D 10 -s bic --max-order 3 data/Kosovo.csv
exit: 0
