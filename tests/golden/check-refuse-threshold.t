# --threshold needs stepwise
tool: mse-check
args: --threshold 0.1 data/HAV.csv
exit: 2
