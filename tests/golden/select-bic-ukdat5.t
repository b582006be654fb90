# BIC order 2 on UKdat_5: N 22991.33 (MSE 1.2; issue #3)
args: -f csv -D 10 -s bic data/UKdat_5.csv
exit: 0
