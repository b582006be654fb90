# csv: dependence bounds
tool: mse-check
args: -f csv -p bounds data/HAV.csv
exit: 0
