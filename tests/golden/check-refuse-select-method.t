# --select needs loglinear
tool: mse-check
args: -m Mt -s bic data/HAV.csv
exit: 2
