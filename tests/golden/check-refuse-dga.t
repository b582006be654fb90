# -m dga refused with the reason
tool: mse-check
args: -m dga data/HAV.csv
exit: 2
