# two operands
tool: mse-check
args: data/HAV.csv data/HAV.csv
exit: 2
