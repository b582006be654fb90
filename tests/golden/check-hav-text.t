# HAV: all six parts, text
tool: mse-check
args: -f text data/HAV.csv
exit: 0
