# -c bootstrap refused
tool: mse-check
args: -c bootstrap data/HAV.csv
exit: 2
