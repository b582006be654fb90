# -B negative
tool: mse-check
args: -B -1 data/HAV.csv
exit: 2
