# an unknown format
tool: mse-check
args: -f yaml data/HAV.csv
exit: 2
