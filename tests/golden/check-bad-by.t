# --by names no column
tool: mse-check
args: --by year data/HAV.csv
exit: 1
