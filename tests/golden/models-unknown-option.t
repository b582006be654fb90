# unknown option
tool: mse-models
args: --frobnicate data/Kosovo.csv
exit: 2
