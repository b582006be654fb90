# csv with two parts
tool: mse-check
args: -f csv -p lolo,bounds data/HAV.csv
exit: 2
