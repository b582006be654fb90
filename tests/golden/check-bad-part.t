# an unknown part
tool: mse-check
args: -p residuals data/HAV.csv
exit: 2
