# -c profile intervals
tool: mse-check
args: -c profile -p lolo -f csv data/HAV.csv
exit: 0
