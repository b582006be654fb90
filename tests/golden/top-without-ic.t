# --top needs aic or bic
args: -s stepwise --top 3 -c bootstrap data/Western.csv
exit: 2
