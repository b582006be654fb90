# an unknown method
tool: mse-check
args: -m nonsense data/HAV.csv
exit: 2
