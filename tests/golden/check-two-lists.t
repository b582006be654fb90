# two lists: no LOLO, no merge, closed-form bounds
tool: mse-check
args: -l L1,L2 -f text data/HAV.csv
exit: 0
