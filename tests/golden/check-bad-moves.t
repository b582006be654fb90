# --moves 0
tool: mse-check
args: --moves 0 data/HAV.csv
exit: 2
