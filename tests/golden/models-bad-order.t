# --max-order 0
tool: mse-models
args: --max-order 0 data/Kosovo.csv
exit: 2
