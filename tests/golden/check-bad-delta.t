# --delta negative
tool: mse-check
args: --delta -1 data/HAV.csv
exit: 2
