# -m chao: a closed form has no fitted cells, no spread
tool: mse-check
args: -m chao -f text data/HAV.csv
exit: 0
