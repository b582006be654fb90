# -b needs chao
tool: mse-check
args: -b data/HAV.csv
exit: 2
