# -m lcm offers --part fit and verdict only, with the reason
tool: mse-check
args: -m lcm -p lolo,fit data/HAV.csv
exit: 2
