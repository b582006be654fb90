# Kosovo order 2, the 5 best by BIC and the averages
tool: mse-models
args: -f csv -D 8 --top 5 data/Kosovo.csv
exit: 0
