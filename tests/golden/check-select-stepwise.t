# -s stepwise on every table
tool: mse-check
args: -s stepwise -p lolo,sensitivity -f text data/Western.csv
exit: 0
