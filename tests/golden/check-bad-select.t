# an unknown selection
tool: mse-check
args: -s nonsense data/HAV.csv
exit: 2
