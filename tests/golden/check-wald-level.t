# -c wald -L 0.9
tool: mse-check
args: -c wald -L 0.9 -p lolo -f csv data/Western.csv
exit: 0
