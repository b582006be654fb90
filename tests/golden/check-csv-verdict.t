# csv without --part: the verdict
tool: mse-check
args: -f csv data/HAV.csv
exit: 0
