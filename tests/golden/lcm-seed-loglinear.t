# --seed without a Bayesian method
args: --seed 3 data/Kosovo.csv
exit: 2
