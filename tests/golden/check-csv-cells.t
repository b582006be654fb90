# csv: residuals
tool: mse-check
args: -f csv -p cells data/Kosovo.csv
exit: 0
