# --model names no list of the table
tool: mse-check
args: -M X:Y data/HAV.csv
exit: 1
