# -c conditional needs loglinear
tool: mse-check
args: -m Mt -c conditional data/HAV.csv
exit: 2
