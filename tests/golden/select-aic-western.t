# AIC picks a model with a non-overlapping pair at -inf
args: -f csv -D 10 -s aic data/Western.csv
exit: 0
