# -m closed refused
tool: mse-check
args: -m closed data/hare.csv
exit: 2
