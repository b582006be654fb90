# -m chapman on two lists: drops leave one list, no LOLO
tool: mse-check
args: -m chapman -l L1,L2 -f text data/HAV.csv
exit: 0
