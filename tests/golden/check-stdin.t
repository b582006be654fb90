# the table from standard input
tool: mse-check
args: -f csv -p lolo -
stdin: data/HAV.csv
exit: 0
