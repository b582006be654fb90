# --lists names no list
tool: mse-check
args: -l L1,Q data/HAV.csv
exit: 1
