# an unknown option is a usage error
tool: mse-check
args: --frobnicate data/HAV.csv
exit: 2
