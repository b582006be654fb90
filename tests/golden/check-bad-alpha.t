# --alpha 1
tool: mse-check
args: --alpha 1 data/HAV.csv
exit: 2
