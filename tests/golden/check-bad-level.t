# --level 1
tool: mse-check
args: -L 1 data/HAV.csv
exit: 2
