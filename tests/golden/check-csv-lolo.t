# csv: leave one list out
tool: mse-check
args: -f csv -p lolo data/Western.csv
exit: 0
