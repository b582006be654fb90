# csv: goodness of fit
tool: mse-check
args: -f csv -p fit data/Kosovo.csv
exit: 0
