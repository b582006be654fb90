# HTML tables
tool: mse-check
args: -f html -p lolo,bounds,verdict data/HAV.csv
exit: 0
